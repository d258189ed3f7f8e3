package io.celeriac.core.interop;

import io.celeriac.core.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python Celery worker process ({@code celery -A interop_app worker}) consuming one queue.
 *
 * <p>It runs the threads pool: Celery 5.2's solo pool with prefetch 1 stalls on the ETA message a
 * retry publishes (the reserved ETA message holds the only prefetch slot while the solo loop waits),
 * which is a Celery quirk, not what these tests are about. Readiness is the app's
 * {@code worker_ready} signal writing a file; stopping is SIGTERM (Celery's warm shutdown), then
 * SIGKILL if it has not exited within ten seconds.
 */
final class PythonWorker implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String hostname;
    private final Process process;
    private final Path log;

    private PythonWorker(String hostname, Process process, Path log) {
        this.hostname = hostname;
        this.process = process;
        this.log = log;
    }

    static PythonWorker start(PythonCelery celery, String queue, String pool, String name, Duration readyTimeout) {
        try {
            Path ready = PythonCelery.appDir().resolve(name + ".ready");
            Path log = PythonCelery.appDir().resolve(name + ".log");
            List<String> command = List.of(PythonCelery.python(), "-m", "celery", "-A", "interop_app", "worker",
                    "-P", pool, "-c", "2", "-Q", queue, "-l", "INFO",
                    "--without-mingle", "--without-gossip", "--without-heartbeat", "-n", name + "@%h");
            Process process = celery.process(command, ready)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PythonWorker worker = new PythonWorker(name, process, log);
            // should the JVM exit without @AfterAll (a crash, Ctrl-C), do not leave a Celery worker behind
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "interop-stop-" + name));
            try {
                Eventually.await("python worker " + name + " to be ready", readyTimeout, () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("python worker exited " + process.exitValue() + ":\n" + worker.log());
                    }
                    return Files.exists(ready);
                });
            } catch (AssertionError e) {
                worker.close();
                throw new AssertionError(e.getMessage() + "\n--- worker log ---\n" + worker.log(), e);
            }
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node name, as Celery reports it in {@code request.hostname} (before the {@code @}). */
    String name() {
        return hostname;
    }

    /** Everything the worker printed so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
