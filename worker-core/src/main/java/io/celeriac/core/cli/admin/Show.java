package io.celeriac.core.cli.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times and durations look in tables: UTC to the second, and short relative ages. */
final class Show {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Show() {
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    /** "12s ago", "in 5m", for how far {@code instant} is from {@code now}. */
    static String relative(Instant instant, Instant now) {
        if (instant == null) {
            return "-";
        }
        Duration d = Duration.between(now, instant);
        return d.isNegative() ? duration(d.negated()) + " ago" : "in " + duration(d);
    }

    /** 850ms, 42s, 3m05s, 2h10m, 3d4h. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 1) {
            return d.toMillis() + "ms";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd%dh", s / 86400, (s % 86400) / 3600);
    }
}
