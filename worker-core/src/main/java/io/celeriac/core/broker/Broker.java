package io.celeriac.core.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a worker, a client and the housekeeping loops need from the message store: publish,
 * reliable fetch into per-worker in-flight lists, completion fenced by possession, the delayed set,
 * worker leases and revocations. Times come in as arguments; an implementation reads no clock.
 *
 * <p>{@code io.celeriac.core.broker.redis.RedisBroker} is the implementation; tests wrap it in a
 * fault-injecting decorator, and {@code BrokerContract} is the test every implementation passes.
 */
public interface Broker {

    // ---- sending ----------------------------------------------------------------------------

    /** Enqueues at the back of the queue's bucket for {@code priority}. */
    void publish(String queue, int priority, byte[] envelope);

    /** Holds a message until {@code due}, then enqueues it as {@link #publish} would. */
    void publishDelayed(String queue, int priority, byte[] envelope, Instant due);

    /** Publishes many messages in one round trip (bulk enqueue). */
    void publishAll(List<Outgoing> messages, Instant now);

    /** One message to publish now, or at {@code due} when that is in the future. */
    record Outgoing(String queue, int priority, byte[] envelope, Instant due) {
    }

    // ---- consuming --------------------------------------------------------------------------

    /** Every list {@code worker} consumes for {@code queues}, most urgent bucket first. */
    List<Source> sources(String worker, List<String> queues);

    /**
     * Moves up to {@code max} messages from {@code sources}, in order, into their in-flight lists
     * in one atomic step. A message over {@code maxBytes} never leaves the store: it is
     * dead-lettered there and comes back as a {@link Delivery#refused() refused} delivery.
     */
    List<Delivery> fetch(List<Source> sources, int max, int maxBytes);

    /** Messages waiting in each of the queue's priority buckets (bucket's lowest priority -> count). */
    Map<Integer, Long> queueDepths(String queue);

    /**
     * Watches {@code sources} for an idle consumer: after {@link Watch#arm()}, the next change to
     * any of them calls {@code onChange} (from another thread), without taking anything.
     */
    Watch watch(List<Source> sources, Runnable onChange);

    /** See {@link #watch}. */
    interface Watch extends AutoCloseable {
        /** Arms the watch and says whether messages wait now (then fetch instead of waiting). */
        boolean arm();

        /** Whether a change would call {@code onChange} now; while not, the consumer polls. */
        boolean live();

        /**
         * After a long quiet spell: whether the watch still holds, checked with one round trip and
         * without reading what it watches (cheaper than fetching and arming again, whatever the
         * number of lists). False, or an exception, tells the caller to look and arm again.
         */
        default boolean check() {
            return false;
        }

        @Override
        void close();
    }

    /**
     * Watches the delayed set for the fleet's forwarder: after {@link Watch#arm()}, every write to
     * it (the forwarder's own moves included) calls {@code onChange}, so the forwarder can sleep
     * until its next due time instead of polling for messages due sooner. {@code arm()} reads
     * nothing and returns false.
     */
    Watch watchDelayed(Runnable onChange);

    /** Takes a delivery out of flight before its task runs (early ack); false when it was no longer held. */
    boolean release(Delivery delivery);

    /**
     * Applies outcomes in one atomic step. A fenced unit applies only while its delivery is still
     * in flight (and takes it out); a worker that lost a message writes nothing for it.
     */
    CompletionReport complete(List<Completion> units);

    /**
     * The outcome of one forwarding pass.
     *
     * @param standBy null when this caller forwarded; else how much longer another worker's
     *                forwarding lease holds (nothing was moved)
     */
    record Forwarded(long moved, Instant nextDue, Duration standBy) {
        public Forwarded(long moved, Instant nextDue) {
            this(moved, nextDue, null);
        }
    }

    /** Where batches live (flow/batch); a broker without them refuses. */
    default io.celeriac.core.flow.batch.BatchStore batches() {
        throw new UnsupportedOperationException("this broker keeps no batches");
    }

    /** Moves up to {@code limit} delayed messages due at {@code now} onto their queues. */
    Forwarded forwardDue(Instant now, int limit);

    /**
     * As {@link #forwardDue}, by the fleet's one forwarder: {@code worker} takes or renews the
     * forwarding lease (held for {@code lease}, on the store's clock) and forwards, unless another
     * worker holds it, in which case nothing moves and {@link Forwarded#standBy()} says for how long.
     * One forwarder polls for the whole fleet, so forwarding costs the store the same at any fleet size.
     */
    Forwarded forwardDueAsForwarder(String worker, Instant now, int limit, Duration lease);

    // ---- leases -----------------------------------------------------------------------------

    /** Renews a worker's lease; false when its record had vanished (taken for dead, or first beat). */
    default boolean heartbeat(String worker, Instant now, Map<String, String> fields) {
        return heartbeat(worker, now, fields, true, null).existed();
    }

    /**
     * Renews a worker's lease, writing {@code fields} into its record when {@code writeFields} (an
     * idle worker's record does not change between beats) or when the record had vanished; with a
     * {@code forwardingLease}, also renews the fleet's forwarding lease for that long when this
     * worker holds it, and says who does: the standbys learn that it is free from their own beats,
     * without polling it.
     */
    Beat heartbeat(String worker, Instant now, Map<String, String> fields, boolean writeFields, Duration forwardingLease);

    /**
     * What a heartbeat found.
     *
     * @param existed    false when the worker's record had vanished (taken for dead, or first beat)
     * @param forwarding who holds the forwarding lease ({@link ForwardingLease#UNKNOWN} when not asked)
     */
    record Beat(boolean existed, ForwardingLease forwarding) {
    }

    /** Who holds the fleet's forwarding lease, as a heartbeat saw it. */
    enum ForwardingLease { MINE, ANOTHER, VACANT, UNKNOWN }

    /**
     * Records when messages were last taken from each queue (fleet-wide, never moving backwards):
     * a queue with messages waiting and no recent pickup is stalled, whoever was meant to serve it.
     */
    void recordPickups(Map<String, Instant> lastPickups);

    /** Last heartbeat of every known worker. */
    Map<String, Instant> workerHeartbeats();

    /**
     * The workers whose last heartbeat is not after {@code before} (at most {@code limit}, oldest
     * first): what a lease recoverer looks at, without reading the whole fleet every few seconds.
     */
    Map<String, Instant> workersSilentSince(Instant before, int limit);

    /**
     * Reserves a worker name for {@code hold} unless another process did within that time: what
     * keeps two processes started at once from both taking a default name that looked free to
     * each. True when {@code owner} has it now; it lapses by itself.
     */
    boolean reserveWorkerName(String worker, String owner, Duration hold);

    /** A worker's record, empty when unknown. */
    Map<String, String> workerRecord(String worker);

    /**
     * Puts a dead worker's in-flight messages back on {@code sourceLists} and forgets it; returns
     * the number put back, or -1 when it has beaten since {@code staleBefore}.
     */
    long recover(String worker, Instant staleBefore, List<String> sourceLists);

    /** Removes a worker that left cleanly. */
    void forget(String worker);

    // ---- dead letters -----------------------------------------------------------------------

    /**
     * Drops the dead letters written before {@code writtenBefore} (their retention ended); entries
     * that are not dead letters stay. Safe beside an operator's requeue: an entry requeued meanwhile
     * is simply not there to drop. Returns how many went.
     */
    long dropDeadLetters(Instant writtenBefore);

    // ---- queue pauses (fleet-wide, durable) -------------------------------------------------

    /**
     * Pauses or resumes {@code queue} for the whole fleet: stored (so it outlives every worker) and
     * announced (so running workers stop fetching from it at once). Messages stay queued.
     * Returns whether this changed anything.
     */
    default boolean pauseQueue(String queue, boolean paused) {
        throw new UnsupportedOperationException("this broker cannot pause queues");
    }

    /** The queues paused now. */
    default Set<String> pausedQueues() {
        return Set.of();
    }

    /** A pause or resume heard as it is announced. */
    record QueuePause(String queue, boolean paused) {
    }

    /** Listens for pause announcements until the returned handle is closed. */
    default AutoCloseable onQueuePause(Consumer<QueuePause> listener) {
        return () -> { };
    }

    // ---- unique tasks (flow/, unique-lock.lua) -------------------------------------------------

    /**
     * Publishes {@code message} unless the lock {@code key} holds (one atomic step): what a unique
     * send does. Debounce replaces the message still waiting under the lock.
     *
     * @param debounce keep the last (else keep the first while the lock holds)
     */
    default UniqueSend publishUnique(String key, String taskId, Duration ttl, boolean debounce, Outgoing message, Instant now) {
        throw new UnsupportedOperationException("this broker cannot send unique tasks");
    }

    /**
     * What a unique send did.
     *
     * @param enqueued false for a duplicate
     * @param taskId   the task that holds the lock: the one sent, or the one it duplicates
     * @param replaced for debounce, the task taken out of the delayed set in its favour (else null)
     */
    record UniqueSend(boolean enqueued, String taskId, String replaced) {
    }

    /** Takes the lock for {@code taskId} at {@code now}, or says who holds it; returns the holder's id. */
    default String holdUnique(String key, String taskId, Duration ttl, Instant now) {
        throw new UnsupportedOperationException("this broker cannot hold unique locks");
    }

    /** Releases the lock if {@code taskId} holds it; true when it did. */
    default boolean releaseUnique(String key, String taskId) {
        throw new UnsupportedOperationException("this broker cannot release unique locks");
    }

    // ---- revocations ------------------------------------------------------------------------

    /** Revokes a task until {@code keepUntil}; with {@code terminate} a running one is interrupted. */
    void revoke(String taskId, Instant keepUntil, boolean terminate);

    /** The ids revoked and still kept at {@code now}. */
    Set<String> revokedAt(Instant now);

    /** A revocation heard as it is announced: its id, and whether to terminate a running task. */
    record Revocation(String taskId, boolean terminate) {
    }

    /** Listens for announcements until the returned handle is closed. */
    AutoCloseable onRevocation(Consumer<Revocation> listener);

    // ---- flow control ---------------------------------------------------------------------

    /** Where fleet-wide rate and concurrency limits keep their state; null when this broker keeps none (limits then hold per worker). */
    default io.celeriac.core.flow.FlowStore flowStore() {
        return null;
    }

    /** One round trip that does no work (the floor under every other call's latency). */
    void ping();

    /** The store's own clock ({@link BrokerClock} follows it, so the whole fleet reads one time). */
    Instant time();
}
