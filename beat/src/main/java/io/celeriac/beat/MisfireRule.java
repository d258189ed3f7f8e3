package io.celeriac.beat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides what one due entry does now. Pure, so the policy is tested without Redis.
 *
 * <ul>
 *   <li>An occurrence within the misfire grace is sent, and the next due time is the occurrence
 *       after it: every occurrence a leader takeover delayed goes out, one message each.</li>
 *   <li>A misfire (later than the grace) follows the entry's policy. {@code run-once} sends one
 *       message for all the missed ones and {@code skip} none; both then resume at the first
 *       occurrence still within the grace, so never a burst of old slots. {@code catch-up} sends
 *       each missed occurrence once, oldest first, as far back as its window; older ones are skipped.</li>
 * </ul>
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

    /**
     * For an entry due at {@code due} (not after {@code now}).
     *
     * @param catchUpWindow the beat's window, used when the entry sets none
     */
    public static Decision decide(BeatEntry entry, Instant due, Instant now, Duration grace, Duration catchUpWindow) {
        boolean late = Duration.between(due, now).compareTo(grace) > 0;
        if (!late) {
            return new Decision(true, false, entry.schedule().nextAfter(due));
        }
        Optional<Instant> resume = entry.schedule().nextAfter(now.minus(grace));
        return switch (entry.misfire()) {
            case RUN_ONCE -> new Decision(true, true, resume);
            case SKIP -> new Decision(false, true, resume);
            case CATCH_UP -> {
                Duration window = entry.catchUpWindow() != null ? entry.catchUpWindow() : catchUpWindow;
                Instant oldest = now.minus(window);
                yield due.isBefore(oldest)
                        ? new Decision(false, true, entry.schedule().nextAfter(oldest.minusMillis(1)))
                        : new Decision(true, true, entry.schedule().nextAfter(due));
            }
        };
    }
}
