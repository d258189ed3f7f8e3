package io.celeriac.core.worker;

import java.time.Duration;
import java.util.Locale;

/**
 * A token bucket in Celery's rate syntax, on this worker only (Celery's own rate limits are per
 * worker too): {@code 10/s}, {@code 100/m}, {@code 1000/h}, or a bare number per second. The bucket
 * holds one second's worth of tokens at most (Celery's capacity for {@code 10/s} is 10 too).
 */
final class RateLimit {
    private final String text;
    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long lastMillis = -1;

    private RateLimit(String text, double perSecond) {
        this.text = text;
        this.perMilli = perSecond / 1000.0;
        this.capacity = Math.max(1.0, perSecond);
        this.tokens = capacity;
    }

    /** Null for no limit ({@code null}, empty, {@code 0}); an IllegalArgumentException for anything unreadable. */
    static RateLimit parse(String rate) {
        if (rate == null || rate.isBlank() || rate.strip().equals("0")) {
            return null;
        }
        String text = rate.strip().toLowerCase(Locale.ROOT);
        int slash = text.indexOf('/');
        String amount = slash < 0 ? text : text.substring(0, slash);
        String unit = slash < 0 ? "s" : text.substring(slash + 1);
        double perUnit;
        try {
            perUnit = Double.parseDouble(amount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate limit '" + rate + "' is not a number per s, m or h (like 10/s, 100/m)");
        }
        double seconds = switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> throw new IllegalArgumentException("rate limit '" + rate + "' has an unknown unit '" + unit + "' (s, m or h)");
        };
        if (!(perUnit > 0) || Double.isInfinite(perUnit)) {
            throw new IllegalArgumentException("rate limit '" + rate + "' must be a positive number per unit");
        }
        return new RateLimit(rate.strip(), perUnit / seconds);
    }

    String text() {
        return text;
    }

    /** Takes a token at {@code nowMillis}: zero when one was there, else how long until one will be. */
    synchronized Duration take(long nowMillis) {
        if (lastMillis >= 0 && nowMillis > lastMillis) {
            tokens = Math.min(capacity, tokens + (nowMillis - lastMillis) * perMilli);
        }
        lastMillis = Math.max(lastMillis, nowMillis);
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli));
    }
}
