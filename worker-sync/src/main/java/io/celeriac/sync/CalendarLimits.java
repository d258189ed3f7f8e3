package io.celeriac.sync;

import io.celeriac.core.config.ConfigException;
import java.time.Duration;

/**
 * What one calendar run may spend, so that one user's feeds cannot take the worker's memory or
 * everyone's sync.
 *
 * @param maxPerEvent  occurrences one event (its RRULEs and RDATEs) may expand to in the window
 * @param maxPerFeed   occurrences one feed may expand to in the window, all events together
 * @param concurrency  feeds fetched at once; one user's feeds are read one after another
 * @param runBudget    a run starts no feed after this; the rest are deferred to the retry
 * @param userBudget   one user's feeds start no later than this into the run; the rest are deferred
 */
public record CalendarLimits(int maxPerEvent, int maxPerFeed, int concurrency, Duration runBudget, Duration userBudget) {
    /** The most a run may budget: the task's time limit is 30 minutes and the last fetch needs time to end. */
    public static final Duration MAX_RUN_BUDGET = Duration.ofMinutes(25);

    public CalendarLimits {
        if (maxPerEvent < 1 || maxPerFeed < maxPerEvent) {
            throw new ConfigException("sync.max_instances_per_event must be at least 1 and at most sync.max_instances_per_feed"
                    + " (got " + maxPerEvent + " and " + maxPerFeed + ")");
        }
        if (maxPerFeed > 1_000_000) {
            throw new ConfigException("sync.max_instances_per_feed must be at most 1000000, got " + maxPerFeed);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException("sync.calendar_concurrency must be 1-64, got " + concurrency);
        }
        if (runBudget.isNegative() || runBudget.isZero() || runBudget.compareTo(MAX_RUN_BUDGET) > 0) {
            throw new ConfigException("sync.calendar_run_budget must be positive and at most 25m (the task's limit is 30m)");
        }
        if (userBudget.isNegative() || userBudget.isZero() || userBudget.compareTo(runBudget) > 0) {
            throw new ConfigException("sync.calendar_user_budget must be positive and at most sync.calendar_run_budget");
        }
    }
}
