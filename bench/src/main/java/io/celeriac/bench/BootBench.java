package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redisson.api.options.KeysScanOptions;

/**
 * A worker's boot and drain from a standing start, Celeriac's beside Celery's, on a private queue
 * under a private key prefix. One run:
 *
 * <ol>
 *   <li>W no-op tasks pushed (pipelined, Celery's protocol) to the private queue;</li>
 *   <li>the worker command exec'd (Celeriac's through the launcher, as users start it) and
 *       watched by {@link DrainWatch}: exec to the first result, to every result;</li>
 *   <li>~2 s idle, then its resident memory and threads read; SIGTERM;</li>
 *   <li>the run's result keys deleted.</li>
 * </ol>
 *
 * Runs alternate between the workers, so a machine busy with other work slows them alike. At the
 * end every key under the private prefix and the queue's lists and binding are deleted.
 */
final class BootBench {
    private static final String NOOP = "celeriac.noop";
    private static final long IDLE_MILLIS = 2_000;

    private final Application app;
    private final BootBenchSettings settings;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "bench-boot-" + id;
    private final String prefix;
    private final Path logDir;
    private int runNumber;

    BootBench(Application app, BootBenchSettings settings) throws IOException {
        this.app = app;
        this.settings = settings;
        this.prefix = app.keys().prefix() + "bench-boot-" + id + ":";
        this.logDir = Files.createTempDirectory("celeriac-bench-boot");
    }

    /** Every row, Celeriac's and then Celery's per queue depth; a worker that fails is reported on its row. */
    List<BootRow> run(CeleryCli celery, PrintWriter progress) throws IOException, InterruptedException {
        if (celery != null) {
            CeleryWorker.writeModule(logDir, AdminBench.commandLineUrl(app.brokerUrl()));
        }
        List<BootRow> rows = new ArrayList<>();
        try {
            int smallest = settings.waiting().stream().min(Integer::compare).orElseThrow();
            for (int i = 0; i < settings.warmUps(); i++) {
                once(new BootRow("celeriac", "", smallest), () -> celeriacRun(smallest));
                for (int c : settings.celeryConcurrency()) {
                    if (celery != null) {
                        once(new BootRow("celery", "", smallest), () -> celeryRun(celery, c, smallest));
                    }
                }
            }
            for (int waiting : settings.waiting()) {
                BootRow celeriac = new BootRow("celeriac", "celeriac worker -c " + settings.concurrency(), waiting);
                rows.add(celeriac);
                List<BootRow> celeryRows = new ArrayList<>();
                for (int c : settings.celeryConcurrency()) {
                    BootRow row = new BootRow("celery", "celery prefork -c " + c, waiting);
                    rows.add(row);
                    celeryRows.add(row);
                }
                for (int i = 0; i < settings.runs(); i++) {
                    once(celeriac, () -> celeriacRun(waiting));
                    for (int k = 0; celery != null && k < celeryRows.size(); k++) {
                        int c = settings.celeryConcurrency().get(k);
                        once(celeryRows.get(k), () -> celeryRun(celery, c, waiting));
                    }
                    if (progress != null) {
                        progress.printf("  W=%d: run %d of %d done%n", waiting, i + 1, settings.runs());
                        progress.flush();
                    }
                }
            }
        } finally {
            cleanUp();
        }
        return rows;
    }

    private interface Measured {
        BootRun run() throws IOException, InterruptedException;
    }

    /** One run into {@code row}; a failure is kept on the row (its first), and the row takes no more runs. */
    private static void once(BootRow row, Measured measured) throws IOException, InterruptedException {
        if (row.failure() != null) {
            return;
        }
        try {
            row.add(measured.run());
        } catch (IllegalStateException e) {
            row.fail(e.getMessage());
        }
    }

    private BootRun celeriacRun(int waiting) throws IOException, InterruptedException {
        List<String> resultKeys = push(waiting);
        Path log = logDir.resolve("celeriac-" + (++runNumber) + ".log");
        try {
            long execMillis = System.currentTimeMillis();
            long exec = System.nanoTime();
            try (WorkerProcess worker = WorkerProcess.start(settings.workerJavaOptions(), celeriacArgs(), log)) {
                DrainWatch.Marks marks = DrainWatch.watch(app.redis().getKeys(), worker.pid(), exec, resultKeys, worker::isAlive, log);
                ProcessMemory idle = idle(worker.pid());
                worker.stop(Duration.ofSeconds(30));
                return run(marks, exec, StartupLog.celeriacReady(log, execMillis), idle);
            }
        } finally {
            forget(resultKeys);
        }
    }

    private BootRun celeryRun(CeleryCli celery, int concurrency, int waiting) throws IOException, InterruptedException {
        List<String> resultKeys = push(waiting);
        Path log = logDir.resolve("celery-" + (++runNumber) + ".log");
        try {
            long execMillis = System.currentTimeMillis();
            long exec = System.nanoTime();
            try (CeleryWorker worker = CeleryWorker.start(celery, logDir, queue, "bench-boot-" + id + "@local", concurrency, log)) {
                DrainWatch.Marks marks = DrainWatch.watch(app.redis().getKeys(), worker.pid(), exec, resultKeys, worker::isAlive, log);
                ProcessMemory idle = idle(worker.pid());
                worker.stop(Duration.ofSeconds(30));
                return run(marks, exec, StartupLog.celeryReady(log, execMillis), idle);
            }
        } finally {
            forget(resultKeys);
        }
    }

    private static BootRun run(DrainWatch.Marks marks, long exec, double readyS, ProcessMemory idle) {
        return new BootRun((marks.first() - exec) / 1e9, (marks.last() - exec) / 1e9,
                marks.launcher() == 0 ? Double.NaN : (marks.launcher() - exec) / 1e9, readyS,
                marks.peak().peakRssMb(), idle.rssMb(), idle.pssMb(), idle.threads(), idle.processes());
    }

    /** The worker's memory once it has idled ~2 s after the drain (the bench's own wait; it measures, it does not test). */
    private static ProcessMemory idle(long pid) throws InterruptedException {
        Thread.sleep(IDLE_MILLIS);
        return ProcessMemory.ofTree(pid);
    }

    /** W no-op tasks on the private queue, pipelined 1,000 at a time; their result keys, first sent first. */
    private List<String> push(int waiting) {
        TaskClient client = app.client();
        SendOptions options = SendOptions.defaults().queue(queue);
        List<String> resultKeys = new ArrayList<>(waiting);
        List<TaskClient.Request> chunk = new ArrayList<>(1000);
        for (int i = 0; i < waiting; i++) {
            chunk.add(new TaskClient.Request(NOOP, List.of(), Map.of(), options));
            if (chunk.size() == 1000 || i == waiting - 1) {
                client.sendAll(chunk).forEach(taskId -> resultKeys.add(app.keys().result(taskId)));
                chunk.clear();
            }
        }
        return resultKeys;
    }

    /** The run's result keys, and what a failed run left in the queue (the next run's first message must be its own). */
    private void forget(List<String> resultKeys) {
        app.redis().getKeys().unlink(app.keys().queueLists(queue).toArray(String[]::new));
        for (int from = 0; from < resultKeys.size(); from += 1000) {
            app.redis().getKeys().unlink(resultKeys.subList(from, Math.min(resultKeys.size(), from + 1000)).toArray(String[]::new));
        }
    }

    private List<String> celeriacArgs() {
        List<String> args = new ArrayList<>(List.of("--queues=" + queue, "--concurrency=" + settings.concurrency(),
                "--hostname=bench-boot-" + id + "@local", "--broker-url=" + AdminBench.commandLineUrl(app.brokerUrl()),
                "--key-prefix=" + prefix, "--result-expires=300s", "--loglevel=INFO", "--task-events=false"));
        if (settings.configFile() != null) {
            args.add("--config=" + settings.configFile().toAbsolutePath());
        }
        return args;
    }

    /** Every key under the private prefix, and the queue's lists and binding (kombu's names, outside it). */
    private void cleanUp() {
        RedisKeys keys = app.keys();
        List<String> doomed = new ArrayList<>(keys.queueLists(queue));
        doomed.add(keys.binding(queue));
        app.redis().getKeys().getKeys(KeysScanOptions.defaults().pattern(RedisKeys.globEscape(prefix) + "*").chunkSize(500))
                .forEach(doomed::add);
        app.redis().getKeys().unlink(doomed.toArray(String[]::new));
    }

    String queue() {
        return queue;
    }

    Path logDir() {
        return logDir;
    }
}
