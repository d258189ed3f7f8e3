package io.celeriac.core.flow;

import java.util.Locale;

/**
 * A rate in Celery's syntax: {@code 10/s}, {@code 100/m}, {@code 1000/h}, or a bare number per
 * second; fractions are allowed ({@code 0.5/s}). As a GCRA it is one token every
 * {@link #intervalMillis()}, with at most {@code burst} tokens at once (Celery's own bucket holds 1).
 *
 * @param text  as written (what {@code celeriac limits} and {@code inspect} show)
 * @param count tokens per unit, positive
 * @param unitMillis the unit: 1,000, 60,000 or 3,600,000
 * @param burst tokens that may be taken at once after a quiet spell, at least 1
 */
public record Rate(String text, double count, long unitMillis, int burst) {
    /** Rates faster than this are not limits anyone means (and would make the interval vanish). */
    static final double MAX_PER_SECOND = 1_000_000;

    public Rate {
        if (!(count > 0) || Double.isInfinite(count) || count / unitMillis * 1000 > MAX_PER_SECOND) {
            throw new InvalidLimitException("rate limit '" + text + "' must be a positive number per s, m or h, at most "
                    + (long) MAX_PER_SECOND + "/s");
        }
        if (burst < 1) {
            throw new InvalidLimitException("rate limit '" + text + "': burst must be at least 1, not " + burst);
        }
    }

    /**
     * The rate {@code text} names, or null for no limit ({@code null}, blank or {@code 0}, as in
     * Celery); an {@link InvalidLimitException} for anything unreadable ({@code 10/x}, {@code -1/s}).
     */
    public static Rate parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals("0")) {
            return null;
        }
        String rate = text.strip().toLowerCase(Locale.ROOT);
        int slash = rate.indexOf('/');
        String amount = (slash < 0 ? rate : rate.substring(0, slash)).strip();
        String unit = slash < 0 ? "s" : rate.substring(slash + 1).strip();
        long unitMillis = switch (unit) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> throw new InvalidLimitException("rate limit '" + text.strip() + "' has an unknown unit '" + unit
                    + "' (s, m or h, like 10/s, 100/m, 1000/h)");
        };
        double count;
        try {
            count = Double.parseDouble(amount);
        } catch (NumberFormatException e) {
            throw new InvalidLimitException("rate limit '" + text.strip() + "' is not a number per s, m or h (like 10/s, 100/m)");
        }
        // "NaN", "Infinity" and hex floats parse in Java but are no rate a person writes
        if (!amount.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
            throw new InvalidLimitException("rate limit '" + text.strip() + "' must be a positive number per s, m or h");
        }
        // Celery reads "0/m" as no limit too
        return count == 0 ? null : new Rate(text.strip(), count, unitMillis, 1);
    }

    /** The same rate allowing {@code tokens} at once. */
    public Rate withBurst(int tokens) {
        return new Rate(text, count, unitMillis, tokens);
    }

    /** Milliseconds between two tokens (fractional for rates above 1,000/s). */
    public double intervalMillis() {
        return unitMillis / count;
    }

    public double perSecond() {
        return count * 1000.0 / unitMillis;
    }
}
