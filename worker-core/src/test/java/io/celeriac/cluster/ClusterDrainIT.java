package io.celeriac.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.Celeriac;
import io.celeriac.CeleriacWorker;
import io.celeriac.Options;
import io.celeriac.Task;
import io.celeriac.TaskResult;
import io.celeriac.core.broker.redis.ClusterKeys;
import io.celeriac.core.testing.ClusterTopology;
import io.celeriac.core.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Celeriac on a 3-master Redis Cluster of the test's own, through the public Java API: queues
 * spread over the masters drain completely, a chain crosses queues (and slots), a retry waits in
 * its queue's delayed set and comes back, and a queue's slot migrates to another master while its
 * messages are being drained, and nothing is lost. Every script runs on one slot: a CROSSSLOT
 * error would fail a task here, and tasks failing would fail the test.
 */
class ClusterDrainIT {
    static final Task<Integer, Integer> DOUBLE = Task.of("cluster.double", Integer.class, Integer.class);
    static final Task<Integer, Integer> ON_B = Task.of("cluster.on_b", Integer.class, Integer.class).settings(s -> s.queue("b"));
    static final Task<Integer, Integer> FLAKY = Task.of("cluster.flaky", Integer.class, Integer.class).settings(s -> s.queue("c"));
    static final List<String> QUEUES = List.of("a", "b", "c", "moving");

    static ClusterTopology cluster;
    static CeleriacWorker worker;
    static Celeriac celeriac;
    static final Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
    static final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterTopology.start(3);
        String prefix = "t" + java.util.UUID.randomUUID().toString().substring(0, 8) + ":";
        worker = CeleriacWorker.builder(cluster.url()).keyPrefixes(prefix, prefix).name("cluster@test").concurrency(4)
                .queues("celery", "a", "b", "c", "moving").leaseTimeout(Duration.ofSeconds(5))
                .task(DOUBLE, (n, context) -> {
                    runs.incrementAndGet();
                    return n * 2;
                })
                .task(ON_B, (n, context) -> n + 1)
                .task(FLAKY, (n, context) -> {
                    if (failedOnce.add(n)) {
                        throw context.retry(Duration.ofMillis(200), new IllegalStateException("first try of " + n));
                    }
                    return n;
                })
                .start();
        celeriac = Celeriac.builder(cluster.url()).keyPrefixes(prefix, prefix).build();
    }

    @AfterAll
    static void stop() {
        celeriac.close();
        worker.close();
        cluster.close();
    }

    @Test
    void queues_spread_over_the_masters_and_every_task_completes() {
        ClusterKeys keys = new ClusterKeys("x:");
        Set<Integer> owners = new HashSet<>();
        for (String queue : QUEUES) {
            owners.add(cluster.portOfSlot(ClusterTopology.slotOf(keys.queueList(queue, 0))));
        }
        assertTrue(owners.size() >= 2, "the queues live on " + owners.size() + " master(s)");
        List<TaskResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            results.add(celeriac.send(DOUBLE, i, Options.defaults().queue(QUEUES.get(i % 3))));
        }
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i * 2, results.get(i).get(Duration.ofSeconds(30)));
        }
    }

    @Test
    void a_chain_crosses_queues_and_a_retry_comes_back_from_the_delayed_set() {
        TaskResult<Integer> chained = celeriac.chain(List.of(DOUBLE.with(5), ON_B.partial()), DOUBLE.partial());
        assertEquals(22, chained.get(Duration.ofSeconds(30)));
        List<TaskResult<Integer>> flaky = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flaky.add(celeriac.send(FLAKY, i));
        }
        for (int i = 0; i < flaky.size(); i++) {
            assertEquals(i, flaky.get(i).get(Duration.ofSeconds(30)), "retried once, then succeeded");
        }
    }

    @Test
    void a_queue_s_slot_migrates_to_another_master_mid_drain_and_nothing_is_lost() {
        int slot = ClusterTopology.slotOf(new ClusterKeys("x:").queueList("moving", 0));
        int source = cluster.portOfSlot(slot);
        int target = cluster.masterPorts().stream().filter(port -> port != source).findFirst().orElseThrow();
        List<TaskResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            results.add(celeriac.send(DOUBLE, i, Options.defaults().queue("moving")));
        }
        int before = runs.get();
        Eventually.await("the drain has begun", Duration.ofSeconds(20), () -> runs.get() > before + 50);
        ClusterTopology.Migration migration = cluster.beginMigration(slot, target);
        // half moved for a while: the source answers ASK for moved keys, TRYAGAIN for split ones
        for (int i = 0; i < 5; i++) {
            migration.moveSome(2);
        }
        migration.finish();
        assertEquals(target, cluster.portOfSlot(slot), "the slot moved");
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i * 2, results.get(i).get(Duration.ofSeconds(60)), "task " + i);
        }
    }
}
