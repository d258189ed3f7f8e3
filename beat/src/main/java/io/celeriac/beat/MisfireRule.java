package io.celeriac.beat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides what one due entry does now. Pure, so the policy is tested without Redis.
 *
 * <p>Whatever the policy, the next due time is the first occurrence after {@code now}: however many
 * occurrences passed, at most one message is sent for them (never a burst of every missed slot).
 */
public final class MisfireRule {
    private MisfireRule() {
    }

    /**
     * @param send whether to send a message now
     * @param late whether the occurrence was a misfire (later than the grace)
     * @param next the next due time, empty when the schedule never fires again
     */
    public record Decision(boolean send, boolean late, Optional<Instant> next) {
    }

    /** For an entry due at {@code due} (not after {@code now}). */
    public static Decision decide(BeatEntry entry, Instant due, Instant now, Duration grace) {
        boolean late = Duration.between(due, now).compareTo(grace) > 0;
        boolean send = !late || entry.misfire() == MisfirePolicy.RUN_ONCE;
        return new Decision(send, late, entry.schedule().nextAfter(now));
    }
}
