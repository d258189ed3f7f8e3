package io.celeriac.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A worker process the bench started (Celeriac's or Celery's), its output in a log file. */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * {@code celeriac worker} as users start it: through the launcher when the bench was started by
     * it ({@code CELERIAC_LAUNCHER}: its class archive and JVM defaults, {@code javaOptions} as
     * CELERIAC_JAVA_OPTS), else with this JVM and class path.
     */
    static ChildProcess celeriacWorker(String javaOptions, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        String launcher = System.getenv("CELERIAC_LAUNCHER");
        boolean viaLauncher = launcher != null && Files.isExecutable(Path.of(launcher));
        if (viaLauncher) {
            command.add(launcher);
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            if (javaOptions != null && !javaOptions.isBlank()) {
                command.addAll(Arrays.asList(javaOptions.strip().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.celeriac.core.cli.Main"));
        }
        command.add("worker");
        command.addAll(args);
        Map<String, String> env = viaLauncher
                ? Map.of("CELERIAC_JAVA_OPTS", javaOptions == null ? "" : javaOptions, "CELERIAC_NO_BUILD", "1")
                : Map.of();
        return start(command, env, null, log);
    }

    static ChildProcess start(List<String> command, Map<String, String> env, Path directory, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return new ChildProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The log so far (to see whether the worker said it is ready). */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    Path log() {
        return log;
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
