package io.celeriac.beat;

import java.time.Duration;

/**
 * How the beat loop runs.
 *
 * @param leaseTimeout  a leader silent this long is replaced; a standby takes over within this
 *                      plus one {@code heartbeat} of the leader's death
 * @param misfireGrace  an occurrence later than this is a misfire and follows the entry's policy;
 *                      every occurrence within it is sent, one message each
 * @param heartbeat     the longest the loop sleeps: lease renewal, standby checks, and the safety
 *                      net for a lost change notification
 * @param catchUpWindow how far back the {@code catch-up} policy sends missed occurrences (an entry
 *                      may set its own)
 */
public record BeatSettings(Duration leaseTimeout, Duration misfireGrace, Duration heartbeat, Duration catchUpWindow) {
    /**
     * 1.5 s lease renewed every 250 ms: a standby takes over at most 1.75 s after the leader dies
     * (measured 1.57 s and 1.73 s with real processes, BeatFailoverIT), for 4 lease calls a second per replica.
     */
    public static final BeatSettings DEFAULTS = new BeatSettings(Duration.ofMillis(1500), Duration.ofSeconds(30),
            Duration.ofMillis(250), Duration.ofHours(1));

    public BeatSettings {
        if (heartbeat.compareTo(Duration.ofMillis(50)) < 0) {
            throw new IllegalArgumentException("beat.renew_interval must be at least 50ms, got " + heartbeat.toMillis() + "ms");
        }
        if (leaseTimeout.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("beat.lease_timeout must be at least 3 renewals ("
                    + heartbeat.multipliedBy(3).toMillis() + " ms) so a leader renews it in time");
        }
        if (misfireGrace.isNegative()) {
            throw new IllegalArgumentException("beat.misfire_grace must not be negative");
        }
        if (catchUpWindow.isNegative() || catchUpWindow.isZero()) {
            throw new IllegalArgumentException("beat.catch_up_window must be more than zero");
        }
    }
}
