package io.celeriac.core.internal;

import java.util.UUID;
import java.util.random.RandomGenerator;

/** Random (version 4) UUIDs from an injected generator, so tests can make ids reproducible. */
public final class Ids {
    private Ids() {
    }

    public static String uuid(RandomGenerator random) {
        long high;
        long low;
        // generators such as SplittableRandom are not thread-safe; sends come from many threads
        synchronized (random) {
            high = random.nextLong();
            low = random.nextLong();
        }
        high = (high & 0xffffffffffff0fffL) | 0x0000000000004000L;
        low = (low & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
