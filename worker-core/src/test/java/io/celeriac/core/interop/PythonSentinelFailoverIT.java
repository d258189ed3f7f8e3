package io.celeriac.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.SentinelTopology;
import io.celeriac.core.testing.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Python Celery and a Celeriac worker sharing one queue through the same {@code sentinel://} URL
 * while the master is killed with SIGKILL: a Python producer ({@code sentinel_producer.py}, broker
 * and result backend both on sentinel) sends {@value #TASKS} tasks one by one, retrying a send
 * that fails during the failover; a {@code celeriac worker} process runs them; a quarter of the way
 * in the master dies, the sentinels promote one of two replicas, and both sides find it by
 * themselves. Python then reads every result through its sentinel result backend. Once with
 * Debian's Celery 5.2, once with the newest (skipped loudly when it is not installed).
 *
 * <p>What is asserted, and why that much: the worker runs with {@code --durable-writes}, so its
 * acks and results are confirmed by a replica before they count, and a task it fetched but did not
 * finish returns by its lease; those cannot be lost. Python's sends are kombu's plain LPUSH, which
 * nothing makes wait for a replica: Redis replicates asynchronously, so a send the killed master
 * acknowledged in the instant before the kill may never have reached the replica that is promoted.
 * So every send Python saw acknowledged must come back with the right result, except sends
 * acknowledged within {@value #ASYNC_REPLICATION_WINDOW_MS} ms of the kill; those may be lost and
 * are counted and printed, never silently excused. Duplicate runs are allowed (at least once: a
 * fetch is not waited for, and a retried send may repeat one that arrived) and are reported.
 * Runs are counted (and timed) in a file, outside the Redis being failed over.
 */
@EnabledIf("io.celeriac.core.testing.PrivateRedisServer#available")
class PythonSentinelFailoverIT {
    static final int TASKS = 400;
    /** Paces the sends so the kill lands in the middle of them (about 20 s of sending). */
    static final double SEND_INTERVAL_SECONDS = 0.04;
    static final long ASYNC_REPLICATION_WINDOW_MS = 100;
    static final Duration PRODUCER_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Longer than the outage (the sentinels take about 2 s, the worker's reconnect backoff about 1 s more), so
     * the worker is not taken for dead by its own lease recoverer, and short enough that a message
     * whose fetch reached Redis but whose reply the kill cut off comes back within the producer's wait.
     */
    static final String LEASE_TIMEOUT = "10s";

    SentinelTopology topology;
    JavaProcess worker;
    Process producer;
    Path producerOut;
    Path producerErr;
    final List<Path> files = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (producer != null && producer.isAlive()) {
            producer.destroyForcibly().waitFor();
        }
        if (worker != null) {
            worker.close();
        }
        if (topology != null) {
            topology.close();
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void debians_celery_and_celeriac_share_a_queue_across_a_sentinel_failover() throws Exception {
        PythonCelery.assumeInstalled();
        failover(new PythonCelery());
    }

    @Test
    void the_newest_celery_and_celeriac_share_a_queue_across_a_sentinel_failover() throws Exception {
        PythonCelery.assumeInstalled();
        Optional<Path> newest = PythonCelery.newestCelery();
        if (newest.isEmpty()) {
            String why = "SKIPPED: the newest Celery is not installed (.ci/run installs it with pip --no-deps into "
                    + "~/.cache/celeriac/celery-newest, or set CELERIAC_TEST_CELERY_NEWEST); only Debian's Celery was checked";
            System.err.println("\n!!!!!!!! PythonSentinelFailoverIT " + why + " !!!!!!!!\n");
            Assumptions.abort(why);
        }
        failover(new PythonCelery(newest.get()));
    }

    private void failover(PythonCelery python) throws Exception {
        // two replicas: durable writes need one behind the new master
        topology = SentinelTopology.start(null, null, 2);
        Path runs = temp("celeriac-py-sentinel-runs", ".txt");
        Path config = temp("celeriac-py-sentinel", ".yaml");
        Files.writeString(config, "test_probes: true\nresult_expires: 10m\ncelery_key_prefix: \"\"\n"
                + "key_prefix: \"" + TestApp.randomPrefix() + "celeriac:\"\n");
        String queue = InteropApp.randomQueue("sentinel");
        worker = JavaProcess.celeriac("worker", "--config=" + config, "--broker-url=" + topology.url(),
                "--master-name=" + SentinelTopology.MASTER_NAME, "--queues=" + queue, "--hostname=py-sentinel@test",
                "--concurrency=4", "--lease-timeout=" + LEASE_TIMEOUT, "--durable-writes", "--loglevel=INFO");
        producer = startProducer(python, queue, runs);

        Eventually.await("a quarter of the tasks ran", Duration.ofSeconds(40),
                () -> lines(runs).size() >= TASKS / 4);
        long killedAt = System.currentTimeMillis();
        int oldMaster = topology.masterPort();
        topology.killMaster();
        long failoverMs = System.currentTimeMillis() - killedAt;
        assertTrue(topology.currentMasterPort() != oldMaster, "a replica was promoted");

        JsonNode report = awaitProducer();
        FailoverOutcome outcome = FailoverOutcome.of(report, lines(runs), killedAt, failoverMs, ASYNC_REPLICATION_WINDOW_MS);
        System.out.println("python " + report.get("celery").asText() + " + celeriac across a sentinel failover: " + outcome);
        // how the worker lived through it (its reconnects, the sentinels' new master), for whoever reads the run
        worker.log().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).forEach(System.out::println);

        assertTrue(worker.isAlive(), () -> "the celeriac worker died:\n" + worker.log());
        assertEquals(List.of(), outcome.gaveUp(), "every send was acknowledged once the new master was found");
        assertEquals(TASKS, outcome.sent(), outcome.toString());
        assertEquals(List.of(), outcome.wrong(), "results Python read with the wrong value");
        assertEquals(List.of(), outcome.lostOutsideWindow(),
                () -> "acknowledged sends lost outside the async-replication window: " + outcome);
        assertTrue(outcome.sentAfterKill() > 0, () -> "the producer went on sending after the failover: " + outcome);
    }

    private Process startProducer(PythonCelery python, String queue, Path runs) throws IOException {
        var spec = PythonCelery.JSON.createObjectNode()
                .put("url", topology.url())
                .put("master_name", SentinelTopology.MASTER_NAME)
                .put("queue", queue)
                .put("task", "probe.add_record")
                .put("record_path", runs.toString())
                .put("prefix", queue)
                .put("count", TASKS)
                .put("interval", SEND_INTERVAL_SECONDS)
                .put("send_attempts", 100)
                .put("wait", 20);
        producerOut = temp("sentinel-producer", ".out");
        producerErr = temp("sentinel-producer", ".err");
        return python.process(List.of(PythonCelery.python(), "sentinel_producer.py", spec.toString()), null)
                .redirectOutput(producerOut.toFile()).redirectError(producerErr.toFile()).start();
    }

    private JsonNode awaitProducer() throws Exception {
        if (!producer.waitFor(PRODUCER_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the python producer ran longer than " + PRODUCER_TIMEOUT + ": " + Files.readString(producerErr));
        }
        if (producer.exitValue() != 0) {
            throw new AssertionError("the python producer exited " + producer.exitValue() + ": " + Files.readString(producerErr));
        }
        return PythonCelery.JSON.readTree(producerOut.toFile());
    }

    private Path temp(String prefix, String suffix) throws IOException {
        Path file = Files.createTempFile(prefix, suffix);
        files.add(file);
        return file;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
