package io.celeriac.core.cli;

import io.celeriac.core.config.Durations;
import java.time.Duration;

/**
 * The worker's numeric options, checked before anything connects: a value out of range is one
 * line and exit 2 at start, not an exception from deep in the worker (or a silent oddity such as
 * a lease shorter than a heartbeat). {@code --http-port} is checked with the other long-running
 * commands' ({@link ProcessSetup}).
 */
record WorkerOptionsCheck(int concurrency, int prefetchMultiplier, long maxTasksPerChild,
                          String shutdownTimeout, String leaseTimeout, String resultExpires) {
    static final int MAX_CONCURRENCY = 10_000;
    static final int MAX_PREFETCH = 1_000;
    static final Duration MIN_LEASE = Duration.ofSeconds(3);
    static final Duration MAX_LEASE = Duration.ofHours(1);
    static final Duration MAX_SHUTDOWN = Duration.ofDays(1);
    static final Duration MAX_RESULT_EXPIRES = Duration.ofDays(3650);

    /** Throws an {@link IllegalArgumentException} naming the first option out of range. */
    void validate() {
        range("--concurrency", concurrency, 0, MAX_CONCURRENCY, " (0 = one per CPU)");
        range("--prefetch-multiplier", prefetchMultiplier, 1, MAX_PREFETCH, "");
        range("--max-tasks-per-child", maxTasksPerChild, 0, Long.MAX_VALUE, " (0 = never)");
        duration("--shutdown-timeout", shutdownTimeout, Duration.ZERO, MAX_SHUTDOWN);
        duration("--lease-timeout", leaseTimeout, MIN_LEASE, MAX_LEASE);
        if (resultExpires != null && !resultExpires.isBlank()) {
            duration("--result-expires", resultExpires, Duration.ZERO, MAX_RESULT_EXPIRES);
        }
    }

    private static void range(String option, long value, long min, long max, String note) {
        if (value < min || value > max) {
            String allowed = max == Long.MAX_VALUE ? min + " or more" : "between " + min + " and " + max;
            throw new IllegalArgumentException(option + " must be " + allowed + note + ", got " + value);
        }
    }

    private static void duration(String option, String text, Duration min, Duration max) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(option + " must be between " + Durations.format(min) + " and "
                    + Durations.format(max) + ", got " + text);
        }
    }
}
