package io.celeriac.exporter;

/**
 * The beat as Redis shows it.
 *
 * @param leaderPresent whether a replica holds the leader lease now
 * @param sinceTickMs   since the lease holder's last pass (ms), -1 when no lease is recorded
 * @param entries       enabled entries with a next due time
 * @param overdueMs     how late the most overdue enabled entry is (ms), 0 when none is due
 */
record BeatReading(boolean leaderPresent, long sinceTickMs, long entries, long overdueMs) {
}
