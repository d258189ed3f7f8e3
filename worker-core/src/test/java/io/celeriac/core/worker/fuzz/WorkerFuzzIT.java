package io.celeriac.core.worker.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.retry.Backoff;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Outcome;
import io.celeriac.core.worker.TaskListener;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerDependencies;
import io.celeriac.core.worker.fuzz.MessageMutations.Mutant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * The fuzz suite: generated mutants of the real captured Celery payloads (see
 * {@link MessageMutations}) sent one at a time to a real worker on the real Redis. For every one:
 * it ends in exactly one outcome, accounted for in Redis (a dead letter holding its exact bytes, a
 * delayed entry, or a written outcome that took it out of flight), nothing stays in flight, no
 * runner dies, and valid tasks sent in between still succeed.
 *
 * <p>jqwik runs it: {@code -Dfuzz.tries=N} sets the number of tries (1,000 by default; the build
 * passes it on as {@code jqwik.tries.default}), a failure reports its seed and the smallest
 * failing mutant jqwik could shrink to, and the seed of every failure found is kept below as a
 * property of its own with that fixed seed.
 */
class WorkerFuzzIT {
    static final String WRONG_TYPE_QUEUE = "fuzz-wrongtype";
    static final int MAX_BYTES = 16 * 1024;

    static Application app;
    static Worker worker;
    static final ConcurrentLinkedQueue<Ended> ended = new ConcurrentLinkedQueue<>();
    static final AtomicInteger tries = new AtomicInteger();

    record Ended(byte[] raw, Outcome outcome) {
    }

    @BeforeContainer
    static void start() {
        app = TestApp.create(java.time.Clock.systemUTC(), "max_message_size: " + MAX_BYTES + "\n");
        app.redis().getBucket(app.keys().queueList(WRONG_TYPE_QUEUE, 0), StringCodec.INSTANCE).set("a string, not a list");
        TaskRegistry builtins = new TaskRegistry();
        new BuiltinTasks().register(builtins, app);
        TaskRegistry registry = new TaskRegistry();
        // without celeriac.sleep: a fuzzed sleep(1e300) is a task doing as told, not a worker fault
        for (String name : builtins.names()) {
            if (!name.equals("celeriac.sleep")) {
                var definition = builtins.find(name).orElseThrow();
                registry.register(name, definition.options(), definition.handler());
            }
        }
        registry.register("fuzz.boom", TaskOptions.defaults().maxRetries(1).backoff(Backoff.fixed(Duration.ofMillis(20))), ctx -> {
            throw new IllegalStateException("boom");
        });
        registry.register("fuzz.npe", ctx -> ((String) null).length());
        registry.register("fuzz.optional", ctx -> Optional.of(ctx.args().size()));
        registry.register("fuzz.reject", ctx -> {
            throw new Reject("no");
        });
        TaskListener listener = new TaskListener() {
            @Override
            public void finished(String task, String queue, Outcome.Kind outcome, long runNanos, long latencyNanos) {
            }

            @Override
            public void ended(Delivery delivery, Outcome outcome) {
                ended.add(new Ended(delivery.raw(), outcome));
            }
        };
        worker = new Worker(TestApp.settings("fuzz@test", List.of("celery"), 4), new WorkerDependencies(app.redisBroker(), registry,
                app.codec(), app.client(), app.clock(), app.random(), id -> false, listener));
        worker.start();
    }

    @AfterContainer
    static void stop() {
        worker.shutdown();
        TestApp.removeKeys(app);
        app.close();
    }

    static List<byte[]> fixtures() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String name : List.of("01-send_task-countdown-priority3.lpush", "02-send_task-plain.lpush", "04-retry-republish.lpush",
                "05-restored-redelivered.rpush", "06-apply_async-priority9-expires.lpush", "07-chord-header-member.lpush",
                "08-chain-first-link.lpush", "40-beat-sent-priority6.lpush")) {
            try (InputStream in = WorkerFuzzIT.class.getResourceAsStream("/celery-fixtures/" + name + ".json")) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }

    @Provide
    Arbitrary<Mutant> mutants() throws IOException {
        return MessageMutations.mutants(fixtures(), WRONG_TYPE_QUEUE);
    }

    @Property(afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void every_generated_message_is_accounted_for_and_the_worker_keeps_consuming(@ForAll("mutants") Mutant mutant) {
        String context = mutant.recipe() + "\nbytes: "
                + HexFormat.of().formatHex(Arrays.copyOf(mutant.raw(), Math.min(400, mutant.raw().length)));
        ended.clear();
        push(mutant.raw());
        accountFor(mutant.raw(), context);
        if (tries.incrementAndGet() % 25 == 0) {
            assertStillConsumes(context);
            assertEquals(0, worker.runnerRestarts(), "no runner died");
            assertNull(worker.health(Duration.ofSeconds(30)).problem(), "healthy");
        }
    }

    static void push(byte[] raw) {
        app.redis().<byte[]>getDeque(app.keys().queueList("celery", 0), ByteArrayCodec.INSTANCE).addFirst(raw);
    }

    private void accountFor(byte[] raw, String context) {
        if (raw.length > MAX_BYTES) {
            Eventually.await("the oversized message dead-lettered by the broker; " + context, Duration.ofSeconds(10),
                    () -> deadLetterHolds(raw));
            Statistics.label("outcome").collect("REFUSED_FOR_SIZE");
            return;
        }
        Ended end = Eventually.value("an outcome; " + context, Duration.ofSeconds(10), () -> ended.stream()
                .filter(e -> Arrays.equals(e.raw(), raw)).findFirst().orElse(null));
        Eventually.await("the message out of flight; " + context, Duration.ofSeconds(10), WorkerFuzzIT::nothingInFlight);
        assertEquals(1, ended.stream().filter(e -> Arrays.equals(e.raw(), raw)).count(), "exactly one outcome; " + context);
        Statistics.label("outcome").collect(end.outcome().kind().name());
        switch (end.outcome()) {
            case Outcome.DeadLettered dead -> assertTrue(deadLetterHolds(raw), "dead letter with its exact bytes ("
                    + dead.reason() + "); " + context);
            case Outcome.Deferred deferred -> assertTrue(delayedHolds(raw), "delayed entry; " + context);
            case Outcome.Succeeded s -> assertTrue(s.fenced());
            case Outcome.Retried r -> assertTrue(r.fenced());
            case Outcome.Revoked r -> assertTrue(r.fenced());
            case Outcome.Requeued r -> throw new AssertionError("requeued while running; " + context);
            case Outcome.NotHeld n -> throw new AssertionError("not held although the worker never lost it; " + context);
        }
    }

    static boolean nothingInFlight() {
        return worker.inFlight() == 0 && app.redis().getList(app.keys().inflight("fuzz@test", app.keys().queueList("celery", 0))).isEmpty()
                && app.redis().getList(app.keys().queueList("celery", 0)).isEmpty();
    }

    static boolean deadLetterHolds(byte[] raw) {
        for (byte[] stored : app.redis().<byte[]>getList(app.keys().dead(), ByteArrayCodec.INSTANCE).range(0, 20)) {
            DeadLetterEntry entry = DeadLetterEntry.decode(stored);
            if (entry != null && Arrays.equals(entry.raw(), raw)) {
                return true;
            }
        }
        return false;
    }

    static boolean delayedHolds(byte[] raw) {
        for (byte[] member : app.redis().<byte[]>getScoredSortedSet(app.keys().delayed(), ByteArrayCodec.INSTANCE).readAll()) {
            int newline = new String(member, StandardCharsets.ISO_8859_1).indexOf('\n');
            if (Arrays.equals(Arrays.copyOfRange(member, newline + 1, member.length), raw)) {
                return true;
            }
        }
        return false;
    }

    static void assertStillConsumes(String context) {
        assertEquals(5, app.client().send("celeriac.add", List.of(2, 3), Map.of(), SendOptions.defaults())
                .get(Duration.ofSeconds(10)).asInt(), "a valid task still succeeds; " + context);
    }
}
