package io.celeriac.core.internal;

import java.util.random.RandomGenerator;

/**
 * A seeded generator that many threads may share. {@code SplittableRandom} (what tests seed) is not
 * thread-safe, and runners, the client and the retry backoff all draw from the process's one
 * generator; every other method of {@link RandomGenerator} is built on {@code nextLong()}.
 */
public final class SharedRandom implements RandomGenerator {
    private final RandomGenerator source;

    private SharedRandom(RandomGenerator source) {
        this.source = source;
    }

    public static RandomGenerator of(RandomGenerator source) {
        return source instanceof SharedRandom ? source : new SharedRandom(source);
    }

    @Override
    public synchronized long nextLong() {
        return source.nextLong();
    }
}
