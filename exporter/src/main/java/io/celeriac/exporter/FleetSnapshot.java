package io.celeriac.exporter;

import java.util.List;

/**
 * Everything one pass read from Redis, ages on Redis's own clock (so no host's skew shows).
 *
 * @param delayed          messages in the delayed set (ETA, countdown, retries)
 * @param delayedOverdueMs how far past its due time the earliest delayed message is (ms), 0 when
 *                         none is due: the forwarder keeps this near zero while it runs
 * @param deadLetters      entries in the dead-letter list
 * @param queuesUnread     queue names found beyond the reading limit (not even folded)
 */
record FleetSnapshot(List<QueueReading> queues, long delayed, long delayedOverdueMs, long deadLetters,
                     List<WorkerReading> workers, BeatReading beat, int queuesUnread) {
}
