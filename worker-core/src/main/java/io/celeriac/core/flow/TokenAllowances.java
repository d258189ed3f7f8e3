package io.celeriac.core.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * Tokens a worker took ahead from a fast bucket, so a limit that never bites does not cost a
 * round trip to Redis per task. Only at rates over one token per millisecond: there the script
 * already lets a millisecond's tokens go at once (times are whole ms), and a worker asking for
 * several takes only tokens free at that moment, as that many calls would have
 * ({@code take-token-3.lua}, ARGV[8]). The extra tokens are used while the worker's clock reads at
 * most {@link #VALID_MILLIS} past the answer's millisecond, or dropped. Any token starts its task
 * a round trip after the script counted it; tokens ahead start up to that millisecond (two, the
 * clock counting whole ms) later still, so a fleet starts at most two more milliseconds' tokens
 * at once than the script alone allows, and the long-run rate is unchanged. Slower limits (the ones that bite
 * in practice, such as 600/m) take a token per task exactly as before.
 *
 * <p>How many to ask for adapts to the worker's pace: twice what its last allowance used (at
 * least 2, at most the maximum), so a slow worker on a fast limit does not waste the fleet's
 * tokens.
 */
final class TokenAllowances {
    /** The most tokens one request takes by default; JVM property {@code celeriac.flow.token-lease} (1: none ahead). */
    static final int DEFAULT_MAX = 64;
    /** How long after its answer (on the worker's clock, whole ms) a token taken ahead may still start a task. */
    static final long VALID_MILLIS = 1;

    private final int max;
    private final Map<String, Allowance> byBucket = new HashMap<>();

    /** The first request of a bucket asks for this many. */
    static final int FIRST_WANT = 8;

    private static final class Allowance {
        int granted;
        int left;
        long validUntil;
    }

    TokenAllowances(int max) {
        this.max = Math.max(1, max);
    }

    /** The maximum from the JVM property, else {@link #DEFAULT_MAX}. */
    static TokenAllowances configured() {
        return new TokenAllowances(Integer.getInteger("celeriac.flow.token-lease", DEFAULT_MAX));
    }

    /** How many tokens {@code request} should ask for (asked when the bucket's allowance is spent or lapsed). */
    synchronized int want(FlowStore.TokenRequest request) {
        if (max == 1 || request.rate().intervalMillis() >= 1) {
            return 1;
        }
        Allowance allowance = byBucket.get(request.bucket());
        if (allowance == null) {
            return Math.min(max, FIRST_WANT);
        }
        return Math.max(2, Math.min(max, 2 * (allowance.granted - allowance.left)));
    }

    /** Takes a token taken ahead for {@code bucket}, if one is left and still valid at {@code nowMillis}. */
    synchronized boolean tryTake(String bucket, long nowMillis) {
        Allowance allowance = byBucket.get(bucket);
        if (allowance == null || allowance.left == 0 || nowMillis > allowance.validUntil) {
            return false;
        }
        allowance.left--;
        return true;
    }

    /** {@code count} tokens came in the answer at {@code answeredMillis}; the caller uses one, the rest are kept. */
    synchronized void granted(String bucket, long answeredMillis, int count) {
        Allowance allowance = byBucket.computeIfAbsent(bucket, b -> new Allowance());
        allowance.granted = count;
        allowance.left = count - 1;
        allowance.validUntil = answeredMillis + VALID_MILLIS;
    }
}
