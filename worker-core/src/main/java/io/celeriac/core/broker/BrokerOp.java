package io.celeriac.core.broker;

/**
 * One write of a {@link Completion}. Queues are named as the application names them; the broker
 * knows where each queue's priority bucket lives.
 */
public sealed interface BrokerOp {

    /** Store and publish a result; {@code ttlSeconds} 0 keeps it forever; {@code over} says what it may replace. */
    record StoreResult(String taskId, byte[] json, long ttlSeconds, Over over) implements BrokerOp {
    }

    /** Which stored result a new one may replace. */
    enum Over {
        /** Anything: a SUCCESS (over a SUCCESS it changes nothing a reader sees). */
        ANY,
        /** Anything but a SUCCESS: a redelivered task never undoes its success. */
        ALL_BUT_SUCCESS,
        /** Nothing that is ready: a running task's STARTED or progress never hides how it ended. */
        NOTHING_READY
    }

    /** Hold a message in the delayed set until {@code dueMillis}, then put it on its queue. */
    record Delay(String queue, int priority, byte[] envelope, long dueMillis, DeadLetterEntry ifRefused) implements BrokerOp {
    }

    /** Enqueue at the back of a queue; dead-letter as {@code ifRefused} when the store refuses it. */
    record Push(String queue, int priority, byte[] envelope, DeadLetterEntry ifRefused) implements BrokerOp {
    }

    /** Put a delivery back at the front of the list it came from: popped next. */
    record PushFront(Delivery delivery, DeadLetterEntry ifRefused) implements BrokerOp {
    }

    /**
     * One part of a chord's header is done: its entry joins the group's ordered set, and when every
     * part is in, a {@code celery.chord_unlock} message for the chord's body goes to
     * {@code unlockQueue}: Celery's Redis-backend chord protocol, so Python parts and Celeriac parts
     * of one chord count together and exactly one of them starts the body.
     *
     * @param groupIndex   the part's place in the header ({@code +inf} when unknown)
     * @param entry        what Celery stores: {@code [1, task id, state, result]}
     * @param unlockHeaders    the unlock message's headers (JSON)
     * @param unlockProperties its properties (JSON; the body goes as plain JSON text)
     * @param callback     the chord body's signature (JSON)
     */
    record ChordPart(String groupId, double groupIndex, byte[] entry, long ttlSeconds, String unlockQueue, int unlockPriority,
                     byte[] unlockHeaders, byte[] unlockProperties, byte[] callback) implements BrokerOp {
    }

    /**
     * A task of a batch ended for good ({@code taskId} empty: the sender released its hold on the
     * batch after adding its tasks). Counted once per task; the write that brings the batch's
     * pending count to zero pushes its callback messages, each exactly once (complete.lua, 'B').
     *
     * @param succeeded   the task succeeded (else it failed, was revoked or could not run)
     * @param nowMillis   when it ended, stored as the batch's completion time
     */
    record BatchPart(String batchId, String taskId, boolean succeeded, long nowMillis) implements BrokerOp {
    }

    /** A dead-letter entry. */
    record DeadLetter(DeadLetterEntry entry) implements BrokerOp {
    }

    /**
     * One more task counted under {@code counter} in the minute {@code epochMinute}: one INCR on a
     * key that expires after {@link TaskCounters#TTL}, so the dashboard's history costs O(1) per task.
     */
    record CountMinute(String counter, long epochMinute) implements BrokerOp {
    }
}
