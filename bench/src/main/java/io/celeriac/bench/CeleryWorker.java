package io.celeriac.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Celery prefork worker for {@code bench boot}: a module of its own (written to a temp
 * directory) defines {@code celeriac.noop}, broker and result backend the bench's Redis, and the
 * worker consumes only the bench's private queue. Mingle, gossip, heartbeats and remote control
 * are off: they would declare Celery's shared broadcast keys outside the private queue (and
 * mingle waits for replies at start, so Celery boots faster without it than by default). It logs
 * at INFO, for its "ready." line, but not a line per task: Celeriac's worker writes none either.
 */
final class CeleryWorker implements AutoCloseable {
    static final String MODULE = "celeriac_bench_boot";
    static final String FLAGS = "--without-mingle --without-gossip --without-heartbeat, remote control off";

    private final Process process;

    private CeleryWorker(Process process) {
        this.process = process;
    }

    /** Writes the task module into {@code dir}, for {@link #start}. */
    static void writeModule(Path dir, String brokerUrl) throws IOException {
        String url = quoted(brokerUrl);
        Files.writeString(dir.resolve(MODULE + ".py"), String.join("\n",
                "# written by celeriac bench boot: the no-op task Celeriac's bench sends, for Celery's worker",
                "import logging",
                "from celery import Celery",
                "from celery.signals import after_setup_logger",
                "app = Celery('" + MODULE + "', broker=" + url + ", backend=" + url + ")",
                "app.conf.worker_enable_remote_control = False",
                "app.conf.broker_connection_retry_on_startup = True",
                "app.conf.result_expires = 300",
                "",
                "# -l INFO for the 'ready.' line the bench reads, without a line per task received and succeeded",
                "# (Celeriac's worker logs none at INFO); the pool's processes fork after this and inherit it",
                "@after_setup_logger.connect",
                "def quiet_per_task_lines(**kwargs):",
                "    for name in ('celery.worker.strategy', 'celery.app.trace', 'celery.worker.request'):",
                "        logging.getLogger(name).setLevel(logging.WARNING)",
                "",
                "@app.task(name='celeriac.noop')",
                "def noop(*args, **kwargs):",
                "    return None",
                ""));
    }

    /** {@code python -m celery -A celeriac_bench_boot worker -P prefork -c N -Q queue ...}, its output in {@code log}. */
    static CeleryWorker start(CeleryCli celery, Path moduleDir, String queue, String node, int concurrency, Path log)
            throws IOException {
        List<String> argv = List.of(celery.python(), "-m", "celery", "-A", MODULE, "worker", "-P", "prefork",
                "-c", Integer.toString(concurrency), "-Q", queue, "-n", node, "-l", "INFO",
                "--without-mingle", "--without-gossip", "--without-heartbeat");
        ProcessBuilder builder = new ProcessBuilder(argv).directory(moduleDir.toFile()).redirectErrorStream(true);
        String existing = System.getenv("PYTHONPATH");
        String path = moduleDir + (celery.celeryPath() == null ? "" : ":" + celery.celeryPath())
                + (existing == null || existing.isBlank() ? "" : ":" + existing);
        builder.environment().put("PYTHONPATH", path);
        builder.redirectOutput(log.toFile());
        return new CeleryWorker(builder.start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (Celery's warm shutdown), then wait; returns the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
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

    private static String quoted(String text) {
        try {
            return Json.mapper().writeValueAsString(text); // a JSON string is a valid Python literal
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
