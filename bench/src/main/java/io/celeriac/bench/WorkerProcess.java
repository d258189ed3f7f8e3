package io.celeriac.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code celeriac worker} in its own JVM, started as operators start it (see {@link #start}). */
final class WorkerProcess implements AutoCloseable {
    private final Process process;

    private WorkerProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code celeriac worker} the way users do: through the launcher when the bench was
     * started by it (its class archive, JVM defaults, {@code javaOptions} as CELERIAC_JAVA_OPTS),
     * else with this JVM and class path.
     */
    static WorkerProcess start(String javaOptions, List<String> workerArgs, Path log) throws IOException {
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
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.celeriac.core.cli.Main");
        }
        command.add("worker");
        command.addAll(workerArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (viaLauncher) {
            // the launcher execs the JVM, so the process measured is the worker's JVM itself
            builder.environment().put("CELERIAC_JAVA_OPTS", javaOptions == null ? "" : javaOptions);
            builder.environment().put("CELERIAC_NO_BUILD", "1");
        }
        builder.redirectOutput(log.toFile());
        return new WorkerProcess(builder.start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM without waiting: several workers then shut down side by side before {@link #stop} waits for each. */
    void requestStop() {
        process.destroy();
    }

    /** SIGTERM, then wait for the warm shutdown; returns the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
    }

    static String classPathSeparator() {
        return File.pathSeparator;
    }
}
