package io.celeriac.http;

import java.time.Duration;

/**
 * When a circuit breaker opens, and for how long.
 *
 * @param window          outcomes remembered (the last N calls)
 * @param minCalls        calls in the window before the breaker may open
 * @param failurePercent  share of failures in the window that opens it
 * @param openFor         how long it refuses calls before one trial call may go through (half-open)
 * @param minFailingUsers distinct users whose calls failed before a breaker shared by all users
 *                        opens: with 2, one user's failing sources never open it for the others
 *                        (they open that user's own per-source breakers instead); 1 for a provider
 *                        that serves no users (an LLM, an SMS gateway)
 * @param rateLimitsTrip  whether a 429 counts as a failure (it is a healthy provider pacing us)
 */
public record BreakerPolicy(int window, int minCalls, int failurePercent, Duration openFor, int minFailingUsers,
                            boolean rateLimitsTrip) {
    public BreakerPolicy {
        if (window < 1 || minCalls < 1 || minCalls > window) {
            throw new IllegalArgumentException("breaker window must be at least 1 and hold min calls (" + minCalls + ")");
        }
        if (failurePercent < 1 || failurePercent > 100) {
            throw new IllegalArgumentException("breaker failure percent must be 1-100, got " + failurePercent);
        }
        if (openFor.isNegative() || openFor.isZero() || minFailingUsers < 1) {
            throw new IllegalArgumentException("breaker open time and min failing users must be positive");
        }
    }

    /** This policy for a breaker that serves one caller: it opens on that caller's failures alone. */
    BreakerPolicy alone() {
        return new BreakerPolicy(window, minCalls, failurePercent, openFor, 1, rateLimitsTrip);
    }
}
