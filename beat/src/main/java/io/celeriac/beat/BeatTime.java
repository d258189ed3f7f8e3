package io.celeriac.beat;

import java.time.Clock;

/**
 * Where a beat pass reads its time. In production every replica uses Redis's clock, read by the
 * lease call at the start of each pass, so the lease, "due" and misfire decisions of all replicas
 * are on one clock and a host whose clock is off can neither fire early nor delay a takeover.
 * Tests drive passes with a manual clock instead.
 */
public sealed interface BeatTime {
    /** Redis's {@code TIME}, read inside the lease script. */
    record RedisClock() implements BeatTime {
    }

    /** A clock of the caller's (tests). */
    record Given(Clock clock) implements BeatTime {
    }

    BeatTime REDIS = new RedisClock();
}
