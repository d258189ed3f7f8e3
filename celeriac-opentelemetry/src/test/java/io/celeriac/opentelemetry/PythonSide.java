package io.celeriac.opentelemetry;

import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's Python Celery running {@code trace/trace_app.py}, on the test Redis under a key prefix of the test's. */
final class PythonSide implements AutoCloseable {
    private final Path dir;
    private final String prefix;
    private final List<Process> workers = new ArrayList<>();

    PythonSide(String prefix) throws IOException {
        assumeInstalled();
        this.prefix = prefix;
        this.dir = Files.createTempDirectory("celeriac-trace");
        try (InputStream in = PythonSide.class.getResourceAsStream("/trace/trace_app.py")) {
            Files.copy(in, dir.resolve("trace_app.py"));
        }
    }

    static String python() {
        String configured = System.getenv("CELERIAC_TEST_PYTHON");
        return configured == null || configured.isBlank() ? "/usr/bin/python3" : configured;
    }

    private static void assumeInstalled() {
        boolean ok;
        try {
            Process probe = new ProcessBuilder(python(), "-c", "import celery, redis").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, python() + " cannot import celery and redis (Debian's python3-celery python3-redis)");
    }

    Path dir() {
        return dir;
    }

    private ProcessBuilder process(List<String> command, Map<String, String> env) {
        RedisUrl url = TestRedis.url();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("TRACE_BROKER", "redis://" + url.host() + ":" + url.port() + "/" + url.database());
        builder.environment().put("TRACE_PREFIX", prefix);
        builder.environment().put("PYTHONPATH", dir.toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().putAll(env);
        return builder;
    }

    /** Sends {@code task} from a Python producer with {@code traceparent} injected; returns its id. */
    String send(String task, String argsJson, String queue, String traceparent, String tracestate) throws Exception {
        Path out = dir.resolve("send.out");
        Path err = dir.resolve("send.err");
        Process process = process(List.of(python(), "trace_app.py", task, argsJson, queue),
                Map.of("TRACE_PARENT", traceparent, "TRACE_STATE", tracestate))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("the Python producer failed: " + Files.readString(err));
        }
        return Files.readString(out).strip();
    }

    /** Starts a Python Celery worker on {@code queue} and waits until it consumes. */
    void startWorker(String queue) throws IOException {
        Path ready = dir.resolve("ready-" + queue);
        Process worker = process(List.of(python(), "-m", "celery", "-A", "trace_app", "worker", "-Q", queue, "-P", "solo",
                "-c", "1", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING", "-n", "trace-" + queue + "@%h"),
                Map.of("TRACE_READY_FILE", ready.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker-" + queue + ".log").toFile()).start();
        workers.add(worker);
        Eventually.await("the Python worker consuming " + queue, Duration.ofSeconds(60), () -> {
            if (!worker.isAlive()) {
                throw new AssertionError("the Python worker exited: " + log(queue));
            }
            return Files.exists(ready);
        });
    }

    private String log(String queue) {
        try {
            return Files.readString(dir.resolve("worker-" + queue + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process worker : workers) {
            worker.destroy();
            if (!worker.waitFor(15, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
