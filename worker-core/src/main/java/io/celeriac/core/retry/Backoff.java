package io.celeriac.core.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** The delay before retry number {@code attempt} (1 for the first retry). */
public sealed interface Backoff {

    Duration delay(int attempt, RandomGenerator random);

    static Backoff fixed(Duration delay) {
        return new Fixed(delay);
    }

    static Backoff exponential(Duration base, Duration cap, boolean jitter) {
        return new Exponential(base, cap, jitter);
    }

    /** The same delay every time. */
    record Fixed(Duration delay) implements Backoff {
        @Override
        public Duration delay(int attempt, RandomGenerator random) {
            return delay;
        }
    }

    /**
     * {@code base * 2^(attempt-1)}, capped. With jitter the delay is drawn uniformly from
     * [delay/2, delay] ("equal jitter"), so a burst of failures does not retry in lockstep yet
     * never retries sooner than half the nominal delay.
     */
    record Exponential(Duration base, Duration cap, boolean jitter) implements Backoff {
        @Override
        public Duration delay(int attempt, RandomGenerator random) {
            int shift = Math.max(0, Math.min(attempt - 1, 30));
            long millis = Math.min(cap.toMillis(), base.toMillis() * (1L << shift));
            if (jitter && millis > 1) {
                millis = millis / 2 + random.nextLong(millis - millis / 2 + 1);
            }
            return Duration.ofMillis(millis);
        }
    }
}
