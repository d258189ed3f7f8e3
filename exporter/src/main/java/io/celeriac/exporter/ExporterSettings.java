package io.celeriac.exporter;

import java.time.Duration;
import java.util.List;

/**
 * How the exporter reads the fleet.
 *
 * @param interval         between passes over Redis (the ages it exports are this stale at most)
 * @param probeInterval    between readings of the modules' stores (PostgreSQL): their numbers move in minutes
 * @param maxQueues        queues beyond the configured ones that get a label of their own; the
 *                         rest fold into {@code other}
 * @param maxWorkers       workers that get a label of their own; the rest fold into {@code other}
 * @param configuredQueues the application's queues: always exported, even when empty
 */
record ExporterSettings(Duration interval, Duration probeInterval, int maxQueues, int maxWorkers, List<String> configuredQueues,
                        QueueObjectives objectives) {
    /** Queue names read per pass at most (labelled or folded); more are counted, not read. */
    static final int MAX_QUEUES_READ = 1000;
    /** Worker records read per pass at most. */
    static final int MAX_WORKERS_READ = 2000;
    /** Beat entries looked at per pass at most. */
    static final int MAX_BEAT_ENTRIES = 1000;
    /** How often kombu's bindings are scanned for queues only Python uses: a keyspace SCAN. */
    static final Duration DISCOVERY = Duration.ofMinutes(1);

    ExporterSettings {
        configuredQueues = List.copyOf(configuredQueues);
        if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--interval must be between 100ms and 10m, got " + interval.toMillis() + "ms");
        }
        if (probeInterval.compareTo(interval) < 0 || probeInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--probe-interval must be between --interval and 1h, got " + probeInterval.toMillis() + "ms");
        }
        if (maxQueues < 0 || maxQueues > 1000) {
            throw new IllegalArgumentException("--max-queues must be between 0 and 1000, got " + maxQueues);
        }
        if (maxWorkers < 0 || maxWorkers > 1000) {
            throw new IllegalArgumentException("--max-workers must be between 0 and 1000, got " + maxWorkers);
        }
    }

    /** Passes between two probe readings. */
    int probeEvery() {
        return (int) Math.max(1, probeInterval.toMillis() / interval.toMillis());
    }

    /** Passes between two binding scans. */
    int discoveryEvery() {
        return (int) Math.max(1, DISCOVERY.toMillis() / interval.toMillis());
    }
}
