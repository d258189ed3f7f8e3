package io.celeriac.core.flow;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.message.TaskMessage;
import java.time.Duration;

/**
 * The worker's side of unique tasks, for a message whose {@code celeriac_unique} header asks for a
 * lock. It enforces uniqueness for every sender, a Python one included (who cannot take the lock
 * as it sends): a message runs only while it holds its lock.
 *
 * <ol>
 *   <li>{@link #enter}: hold the lock (taken now, or held since a Java send); a message whose lock
 *       another task holds is a duplicate and is not run (REVOKED, "duplicate of task ..."), or
 *       with while_executing waits {@link #WHILE_EXECUTING_WAIT} in the delayed set for its turn;</li>
 *   <li>{@link #started}: until_started releases the lock as the task starts;</li>
 *   <li>{@link #finished}: until_executed and debounce release it once the task has ended for good
 *       (a retry keeps it: the same task id runs again), while_executing after every run; throttle
 *       keeps it for its window. Whatever happens in between, the lock's TTL ends it.</li>
 * </ol>
 */
public final class UniqueGate {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UniqueGate.class);
    /** How long a while_executing duplicate waits before it tries again. */
    public static final Duration WHILE_EXECUTING_WAIT = Duration.ofSeconds(1);

    private UniqueGate() {
    }

    /** A message's lock and who holds it. */
    public record Entry(UniqueKeys.Lock lock, String taskId, String holder) {
        public boolean mine() {
            return taskId.equals(holder);
        }

        /** A duplicate that should wait for its turn rather than be dropped. */
        public boolean waits() {
            return lock.mode() == UniqueMode.WHILE_EXECUTING;
        }
    }

    /**
     * Holds the message's lock; null when it asks for none.
     *
     * @throws IllegalArgumentException for a malformed header (dead-letter the message with it)
     */
    public static Entry enter(Broker broker, TaskMessage message, java.time.Instant now) {
        UniqueKeys.Lock lock = UniqueKeys.read(message.headers().get(UniqueKeys.HEADER));
        if (lock == null) {
            return null;
        }
        String holder = broker.holdUnique(lock.key(), message.id(), lock.ttl(), now);
        Entry entry = new Entry(lock, message.id(), holder);
        if (!entry.mine() && !entry.waits()) {
            UniqueMetrics.deduplicated(message.task(), "run");
        }
        return entry;
    }

    public static void started(Broker broker, Entry entry) {
        if (entry != null && entry.lock().mode() == UniqueMode.UNTIL_STARTED) {
            release(broker, entry);
        }
    }

    /** @param forGood the task ended (success, failure, revoked or dead-lettered while running), not to run again */
    public static void finished(Broker broker, Entry entry, boolean forGood) {
        if (entry == null) {
            return;
        }
        boolean release = switch (entry.lock().mode()) {
            case UNTIL_EXECUTED, DEBOUNCE -> forGood;
            case WHILE_EXECUTING -> true;
            case UNTIL_STARTED, THROTTLE -> false;
        };
        if (release) {
            release(broker, entry);
        }
    }

    /** A release that fails leaves the lock to its TTL: never worth failing the task for. */
    private static void release(Broker broker, Entry entry) {
        try {
            broker.releaseUnique(entry.lock().key(), entry.taskId());
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("could not release a unique lock; it ends at its TTL");
        }
    }
}
