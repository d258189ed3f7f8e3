package io.celeriac.core.testing;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.CompletionReport;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link Broker} that fails on demand, around a real one: down (every call fails, as when Redis
 * is unreachable) and back, refusing writes while reads work, or throwing OutOfMemoryError on the
 * next fetch. Tests of the worker use it to prove it survives what Redis and the JVM can do.
 */
public final class FaultyBroker implements Broker {
    /** What a call fails with while the broker is down. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String what) {
            super("broker unavailable (injected fault): " + what);
        }
    }

    private final Broker real;
    private volatile boolean down;
    private volatile boolean refusingWrites;
    private final AtomicInteger outOfMemoryOnFetch = new AtomicInteger();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger lostCompletionReplies = new AtomicInteger();

    private final java.util.concurrent.atomic.AtomicReference<Runnable> afterForwardPass = new java.util.concurrent.atomic.AtomicReference<>();

    /** Runs {@code action} once, right after the next forwarding pass read the delayed set (a write racing the pass). */
    public FaultyBroker afterNextForwardPass(Runnable action) {
        afterForwardPass.set(action);
        return this;
    }

    public FaultyBroker(Broker real) {
        this.real = real;
    }

    public FaultyBroker down() {
        down = true;
        return this;
    }

    public FaultyBroker up() {
        down = false;
        refusingWrites = false;
        return this;
    }

    public FaultyBroker refuseWrites() {
        refusingWrites = true;
        return this;
    }

    /** The next {@code times} fetches throw OutOfMemoryError after taking their messages into flight. */
    public FaultyBroker outOfMemoryOnFetch(int times) {
        outOfMemoryOnFetch.set(times);
        return this;
    }

    /**
     * The next {@code times} completions are applied and then fail as if their reply was lost on
     * the way back (Redis did the work; the worker cannot know): what a retried write must survive.
     */
    public FaultyBroker loseCompletionReplies(int times) {
        lostCompletionReplies.set(times);
        return this;
    }

    /** Completion batches applied so far. */
    public int completions() {
        return completions.get();
    }

    private void read(String what) {
        if (down) {
            throw new Unavailable(what);
        }
    }

    private void write(String what) {
        if (down || refusingWrites) {
            throw new Unavailable(what);
        }
    }

    @Override
    public void publish(String queue, int priority, byte[] envelope) {
        write("publish");
        real.publish(queue, priority, envelope);
    }

    @Override
    public void publishDelayed(String queue, int priority, byte[] envelope, Instant due) {
        write("publishDelayed");
        real.publishDelayed(queue, priority, envelope, due);
    }

    @Override
    public void publishAll(List<Outgoing> messages, Instant now) {
        write("publishAll");
        real.publishAll(messages, now);
    }

    @Override
    public List<Source> sources(String worker, List<String> queues) {
        return real.sources(worker, queues);
    }

    @Override
    public List<Delivery> fetch(List<Source> sources, int max, int maxBytes) {
        write("fetch");
        List<Delivery> got = real.fetch(sources, max, maxBytes);
        if (!got.isEmpty() && outOfMemoryOnFetch.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new OutOfMemoryError("injected on fetch");
        }
        return got;
    }

    @Override
    public Map<Integer, Long> queueDepths(String queue) {
        read("queueDepths");
        return real.queueDepths(queue);
    }

    @Override
    public Watch watch(List<Source> sources, Runnable onChange) {
        Watch watch = real.watch(sources, onChange);
        return new Watch() {
            @Override
            public boolean arm() {
                read("watch.arm");
                return watch.arm();
            }

            @Override
            public boolean live() {
                return !down && watch.live();
            }

            @Override
            public boolean check() {
                read("watch.check");
                return watch.check();
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }

    @Override
    public Watch watchDelayed(Runnable onChange) {
        Watch watch = real.watchDelayed(onChange);
        return new Watch() {
            @Override
            public boolean arm() {
                read("watchDelayed.arm");
                return watch.arm();
            }

            @Override
            public boolean live() {
                return !down && watch.live();
            }

            @Override
            public boolean check() {
                read("watchDelayed.check");
                return watch.check();
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }

    @Override
    public boolean release(Delivery delivery) {
        write("release");
        return real.release(delivery);
    }

    @Override
    public CompletionReport complete(List<Completion> units) {
        write("complete");
        CompletionReport report = real.complete(units);
        completions.incrementAndGet();
        if (lostCompletionReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new Unavailable("complete (applied, reply lost)");
        }
        return report;
    }

    @Override
    public io.celeriac.core.flow.batch.BatchStore batches() {
        return real.batches();
    }

    @Override
    public Forwarded forwardDue(Instant now, int limit) {
        write("forwardDue");
        return real.forwardDue(now, limit);
    }

    @Override
    public Forwarded forwardDueAsForwarder(String worker, Instant now, int limit, java.time.Duration lease) {
        write("forwardDue");
        Forwarded forwarded = real.forwardDueAsForwarder(worker, now, limit, lease);
        Runnable action = afterForwardPass.getAndSet(null);
        if (action != null) {
            action.run();
        }
        return forwarded;
    }

    @Override
    public Beat heartbeat(String worker, Instant now, Map<String, String> fields, boolean writeFields,
                          java.time.Duration forwardingLease) {
        write("heartbeat");
        return real.heartbeat(worker, now, fields, writeFields, forwardingLease);
    }

    @Override
    public void recordPickups(Map<String, Instant> lastPickups) {
        write("recordPickups");
        real.recordPickups(lastPickups);
    }

    @Override
    public Map<String, Instant> workerHeartbeats() {
        read("workerHeartbeats");
        return real.workerHeartbeats();
    }

    @Override
    public Map<String, Instant> workersSilentSince(Instant before, int limit) {
        read("workersSilentSince");
        return real.workersSilentSince(before, limit);
    }

    @Override
    public boolean reserveWorkerName(String worker, String owner, Duration hold) {
        write("reserveWorkerName");
        return real.reserveWorkerName(worker, owner, hold);
    }

    @Override
    public Map<String, String> workerRecord(String worker) {
        read("workerRecord");
        return real.workerRecord(worker);
    }

    @Override
    public long recover(String worker, Instant staleBefore, List<String> sourceLists) {
        write("recover");
        return real.recover(worker, staleBefore, sourceLists);
    }

    @Override
    public void forget(String worker) {
        write("forget");
        real.forget(worker);
    }

    @Override
    public long dropDeadLetters(Instant writtenBefore) {
        write("dropDeadLetters");
        return real.dropDeadLetters(writtenBefore);
    }

    @Override
    public void revoke(String taskId, Instant keepUntil, boolean terminate) {
        write("revoke");
        real.revoke(taskId, keepUntil, terminate);
    }

    @Override
    public Set<String> revokedAt(Instant now) {
        read("revokedAt");
        return real.revokedAt(now);
    }

    @Override
    public AutoCloseable onRevocation(Consumer<Revocation> listener) {
        return real.onRevocation(listener);
    }

    @Override
    public boolean pauseQueue(String queue, boolean paused) {
        return real.pauseQueue(queue, paused);
    }

    @Override
    public Set<String> pausedQueues() {
        read("pausedQueues");
        return real.pausedQueues();
    }

    @Override
    public AutoCloseable onQueuePause(Consumer<QueuePause> listener) {
        return real.onQueuePause(listener);
    }

    @Override
    public UniqueSend publishUnique(String key, String taskId, java.time.Duration ttl, boolean debounce, Outgoing message, Instant now) {
        write("publishUnique");
        return real.publishUnique(key, taskId, ttl, debounce, message, now);
    }

    @Override
    public String holdUnique(String key, String taskId, java.time.Duration ttl, Instant now) {
        write("holdUnique");
        return real.holdUnique(key, taskId, ttl, now);
    }

    @Override
    public boolean releaseUnique(String key, String taskId) {
        write("releaseUnique");
        return real.releaseUnique(key, taskId);
    }

    @Override
    public void ping() {
        read("ping");
        real.ping();
    }

    @Override
    public Instant time() {
        read("time");
        return real.time();
    }
}
