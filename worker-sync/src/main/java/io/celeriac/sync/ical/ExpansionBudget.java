package io.celeriac.sync.ical;

import io.celeriac.sync.FeedOverLimitException;

/**
 * Counts the occurrences one feed expands to, per event and in all, and stops the expansion with
 * {@link FeedOverLimitException} the moment either limit is passed: a feed that would expand to
 * millions of occurrences never holds more than the limit in memory.
 */
final class ExpansionBudget {
    private final int maxPerEvent;
    private final int maxPerFeed;
    private int inFeed;
    private int inEvent;

    ExpansionBudget(int maxPerEvent, int maxPerFeed) {
        this.maxPerEvent = maxPerEvent;
        this.maxPerFeed = maxPerFeed;
    }

    /**
     * Candidates one rule may examine: the steps it needs to reach the window (a counted rule walks
     * from its start), plus its share of occurrences.
     */
    int maxSteps() {
        return RuleCheck.MAX_STEPS + maxPerEvent;
    }

    /** Starts counting the next event's occurrences. */
    void nextEvent() {
        inEvent = 0;
    }

    /** One more occurrence kept. */
    void count() {
        if (++inEvent > maxPerEvent) {
            throw new FeedOverLimitException("an event repeats more than " + maxPerEvent
                    + " times in the sync window (limit sync.max_instances_per_event); the feed was not stored");
        }
        if (++inFeed > maxPerFeed) {
            throw new FeedOverLimitException("the feed has more than " + maxPerFeed
                    + " occurrences in the sync window (limit sync.max_instances_per_feed); the feed was not stored");
        }
    }
}
