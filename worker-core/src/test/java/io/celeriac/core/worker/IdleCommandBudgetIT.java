package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.PrivateRedisServer;
import io.celeriac.core.testing.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What an idle worker costs Redis (issue 27), counted on private redis-servers that nothing else
 * talks to: the commands over a window, a script's inner commands included (as Redis counts them),
 * must stay within 2 per second with 1 queue and with 10 (an idle Celery worker costs 1.4-1.7
 * here). The worker is a whole one (mailbox, events, the fleet's forwarder, being alone) with the
 * default 30 s lease, and its application is its own, as a process's is. Then it must still pick up
 * a task from every queue and priority bucket it serves, and forward a delayed one.
 *
 * <p>The window is real time, measured by a bounded wait: the worker's loops run on the real
 * clock, and their periods (heartbeats 5 s, events 2 s, rechecks 15-30 s) are what is counted.
 */
class IdleCommandBudgetIT {
    static final double BUDGET_PER_SECOND = 2.0;
    /** Long enough to see each periodic command at least once (the longest period is 30 s). */
    static final Duration WINDOW = Duration.ofSeconds(30);
    /** Starting costs more (registering, first fetch, subscriptions): not part of being idle. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    @Test
    void an_idle_worker_costs_at_most_2_commands_a_second_with_1_or_10_queues_and_still_picks_up_from_every_bucket()
            throws Exception {
        if (!PrivateRedisServer.available()) {
            System.err.println("IdleCommandBudgetIT: redis-server is not on the PATH; the idle command budget was NOT checked");
        }
        assumeTrue(PrivateRedisServer.available(), "redis-server is not on the PATH: the idle command budget was NOT checked");
        // both at once, each on its own server: one window of waiting for the two counts
        try (Idle one = new Idle(1); Idle ten = new Idle(10)) {
            elapse(SETTLE);
            long from1 = one.redis.commandsProcessed();
            long from10 = ten.redis.commandsProcessed();
            elapse(WINDOW);
            double perSecond1 = (one.redis.commandsProcessed() - from1) / (double) WINDOW.toSeconds();
            double perSecond10 = (ten.redis.commandsProcessed() - from10) / (double) WINDOW.toSeconds();
            System.out.printf("idle worker: %.2f commands/s with 1 queue, %.2f with 10%n", perSecond1, perSecond10);

            assertTrue(perSecond1 <= BUDGET_PER_SECOND, perSecond1 + " commands/s with 1 queue; " + one.redis.commandStats());
            assertTrue(perSecond10 <= BUDGET_PER_SECOND, perSecond10 + " commands/s with 10 queues; " + ten.redis.commandStats());
            one.picksUpFromEveryBucketAndForwards();
            ten.picksUpFromEveryBucketAndForwards();
        }
    }

    /** A bounded real wait: nothing counts the latch down. */
    private static void elapse(Duration duration) throws InterruptedException {
        new CountDownLatch(1).await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One worker alone on its own Redis, serving {@code queues} queues. */
    private static final class Idle implements AutoCloseable {
        final PrivateRedisServer redis;
        final Application app;
        final DefaultWorker worker;
        final List<String> queues;

        Idle(int queueCount) throws Exception {
            redis = PrivateRedisServer.start();
            app = new Application(TestApp.isolatedConfig(null), redis.url(), null, 16, Clock.systemUTC(), new SplittableRandom(27));
            queues = IntStream.range(0, queueCount).mapToObj(i -> "idle-" + queueCount + "-" + i).toList();
            WorkerSettings settings = new WorkerSettings("idle-" + queueCount + "@test", queues, 2, 1, 0,
                    Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), false);
            worker = DefaultWorker.create(app, settings, app.registry(), null, false);
            worker.start();
        }

        void picksUpFromEveryBucketAndForwards() {
            List<String> sent = new ArrayList<>();
            for (String queue : queues) {
                for (int priority : new int[] {0, 3, 6, 9}) {
                    String id = app.client().send("celeriac.echo", List.of(queue + "/" + priority), Map.of(),
                            SendOptions.defaults().queue(queue).priority(priority)).id();
                    assertEquals(queue + "/" + priority, app.client().result(id).get(Duration.ofSeconds(10)).asText(),
                            "picked up from " + queue + " at priority " + priority);
                    sent.add(id);
                }
            }
            String delayed = queues.get(queues.size() - 1);
            var later = app.client().send("celeriac.echo", List.of("later"), Map.of(),
                    SendOptions.defaults().queue(delayed).countdown(Duration.ofMillis(500)));
            assertEquals("later", later.get(Duration.ofSeconds(10)).asText(), "a delayed task, forwarded by the idle worker");
            assertEquals(queues.size() * 4, sent.size());
            Eventually.await("the worker idle again", Duration.ofSeconds(5), () -> worker.worker().inFlight() == 0);
        }

        @Override
        public void close() throws Exception {
            try {
                worker.close();
                app.close();
            } finally {
                redis.close();
            }
        }
    }
}
