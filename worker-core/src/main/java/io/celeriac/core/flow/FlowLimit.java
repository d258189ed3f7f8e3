package io.celeriac.core.flow;

import java.util.regex.Pattern;

/**
 * One limit a task runs under, fleet-wide: a rate, a concurrency (at most N running at once), or
 * both, on one bucket. The bucket is {@code name}; with a {@code key}, each value of the key has
 * a bucket of its own ({@code name} + the key's value). Several task names may share one limit by
 * naming the same {@code name} (one bucket for every call to one API).
 *
 * @param name        the bucket's name: the task's name for a task's own limit
 * @param rate        null for no rate limit
 * @param concurrency at most this many running at once; 0 for no concurrency limit
 * @param key         null for one bucket; else where each message's key is
 */
public record FlowLimit(String name, Rate rate, int concurrency, LimitKey key) {
    /** The name of a task's own limit in its definition: the task's name, once registered. */
    public static final String OWN = "(task)";

    private static final Pattern NAME = Pattern.compile("[^\\s\\x00-\\x1f]{1,200}");

    public FlowLimit {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidLimitException("limit name '" + name + "' must be 1-200 characters without spaces or control characters");
        }
        if (concurrency < 0) {
            throw new InvalidLimitException("limit " + name + ": concurrency must be 0 (none) or more, not " + concurrency);
        }
        if (rate == null && concurrency == 0) {
            throw new InvalidLimitException("limit " + name + " sets neither a rate nor a concurrency");
        }
    }

    /** A rate limit named {@code name}, in Celery's syntax ({@code 100/m}). */
    public static FlowLimit rate(String name, String rate) {
        Rate parsed = Rate.parse(rate);
        if (parsed == null) {
            throw new InvalidLimitException("limit " + name + ": rate '" + rate + "' sets no limit");
        }
        return new FlowLimit(name, parsed, 0, null);
    }

    /** At most {@code max} running at once, fleet-wide. */
    public static FlowLimit concurrency(String name, int max) {
        if (max < 1) {
            throw new InvalidLimitException("limit " + name + ": concurrency must be at least 1, not " + max);
        }
        return new FlowLimit(name, null, max, null);
    }

    /** The same limit with a bucket per value of {@code key} ({@code user_id}, {@code args[0]}). */
    public FlowLimit perKey(String key) {
        return new FlowLimit(name, rate, concurrency, LimitKey.parse(key));
    }

    /** The same limit also holding at most {@code max} running at once. */
    public FlowLimit withConcurrency(int max) {
        return new FlowLimit(name, rate, max, key);
    }

    /** The same limit letting {@code tokens} go at once after a quiet spell. */
    public FlowLimit withBurst(int tokens) {
        if (rate == null) {
            throw new InvalidLimitException("limit " + name + ": a burst needs a rate");
        }
        return new FlowLimit(name, rate.withBurst(tokens), concurrency, key);
    }

    /** The same limit on the bucket {@code other}. */
    public FlowLimit named(String other) {
        return new FlowLimit(other, rate, concurrency, key);
    }

    /** The same limit with another rate (control's {@code rate_limit}); null leaves only the concurrency. */
    public FlowLimit withRate(Rate other) {
        return new FlowLimit(name, other, concurrency, key);
    }
}
