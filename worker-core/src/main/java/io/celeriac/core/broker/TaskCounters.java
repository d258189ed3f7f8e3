package io.celeriac.core.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The per-minute task counters workers keep in Redis ({@link BrokerOp.CountMinute}) and the
 * dashboard charts. One key per counter and minute, each gone after {@link #TTL}: two days of
 * history at most 3 x 2,880 small keys, whatever the task rate.
 */
public final class TaskCounters {
    /** A task that finished: succeeded or failed for good. */
    public static final String PROCESSED = "processed";
    /** A task that failed for good (or could not run): it left a dead letter. */
    public static final String FAILED = "failed";
    /** A task that will run again after a backoff. */
    public static final String RETRIED = "retried";
    public static final List<String> ALL = List.of(PROCESSED, FAILED, RETRIED);
    /** How long a minute's count is kept: the charts show the last hour and the last day. */
    public static final Duration TTL = Duration.ofDays(2);

    private TaskCounters() {
    }

    /**
     * The counter of messages a worker finished with from {@code queue} in a minute (succeeded,
     * failed for good, or handed back for a retry): the queue's rate out. One more INCR in the
     * same outcome write; one key per queue and minute.
     */
    public static String doneFrom(String queue) {
        return "done:" + queue;
    }

    public static long minuteOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), 60_000L);
    }
}
