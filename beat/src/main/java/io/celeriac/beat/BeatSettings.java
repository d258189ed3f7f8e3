package io.celeriac.beat;

import java.time.Duration;

/**
 * How the beat loop runs.
 *
 * @param leaseTimeout a leader silent this long is replaced; a standby takes over within this
 *                     plus one {@code heartbeat}
 * @param misfireGrace an occurrence later than this is a misfire and follows the entry's policy
 * @param heartbeat    the longest the loop sleeps: lease renewal, standby checks, and the safety
 *                     net for a lost change notification
 */
public record BeatSettings(Duration leaseTimeout, Duration misfireGrace, Duration heartbeat) {
    public static final BeatSettings DEFAULTS = new BeatSettings(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(1));

    public BeatSettings {
        if (leaseTimeout.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("beat.lease_timeout must be at least 3 heartbeats ("
                    + heartbeat.multipliedBy(3).toMillis() + " ms) so a leader renews it in time");
        }
        if (misfireGrace.isNegative()) {
            throw new IllegalArgumentException("beat.misfire_grace must not be negative");
        }
    }
}
