package io.celeriac.bench.fleet;

import io.celeriac.core.broker.redis.RedisUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python Celery workers, one process each ({@code --pool=solo}, so one process is the whole
 * worker, as a Celeriac worker is one JVM), with Celery's defaults otherwise (mingle, gossip,
 * heartbeat events every 2 s): the comparison for what an idle worker costs Redis.
 */
final class CeleryFleet implements Fleet {
    private static final String APP = """
            import os
            from celery import Celery

            app = Celery("fleetbench", broker=os.environ["FLEET_BROKER_URL"])

            @app.task(name="celeriac.noop")
            def noop():
                return None
            """;

    private final List<ChildProcess> processes = new ArrayList<>();
    private final List<List<String>> queues = new ArrayList<>();

    /** Whether {@code python} can import Celery. */
    static String version(String python) {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import celery; print(celery.__version__)").redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes()).strip();
            return probe.waitFor() == 0 ? out : null;
        } catch (Exception e) {
            return null;
        }
    }

    static CeleryFleet start(String python, RedisUrl url, String run, int size, int queuesPerWorker, Path logDir) throws Exception {
        Path dir = Files.createDirectories(logDir.resolve("celery-app"));
        Files.writeString(dir.resolve("fleetbench.py"), APP);
        CeleryFleet fleet = new CeleryFleet();
        try {
            for (int i = 0; i < size; i++) {
                List<String> mine = Fleet.queueNames(run, i, queuesPerWorker);
                fleet.queues.add(mine);
                String name = run + "-c" + i + "@bench";
                fleet.processes.add(ChildProcess.start(List.of(python, "-m", "celery", "-A", "fleetbench", "worker",
                                "--pool=solo", "--concurrency=1", "-Q", String.join(",", mine), "-n", name, "--loglevel=INFO"),
                        Map.of("FLEET_BROKER_URL", ProcessFleet.brokerUrl(url)), dir, logDir.resolve(name.replace('@', '_') + ".log")));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60 + 3L * size).toNanos();
            for (ChildProcess process : fleet.processes) {
                // Celery logs "<name> ready." once it consumes
                while (!process.output().contains(" ready.")) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("a Celery worker did not start; see " + process.log());
                    }
                    Thread.sleep(100);
                }
            }
            return fleet;
        } catch (Exception e) {
            fleet.close();
            throw e;
        }
    }

    @Override
    public int size() {
        return processes.size();
    }

    @Override
    public List<String> queues(int index) {
        return queues.get(index);
    }

    @Override
    public String mode() {
        return "celery";
    }

    @Override
    public void close() throws InterruptedException {
        processes.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy));
        for (ChildProcess process : processes) {
            process.close();
        }
    }
}
