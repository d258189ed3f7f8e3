package io.celeriac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a worker said it was ready, read from its log: Celeriac's {@code HH:mm:ss.SSS INFO ...
 * worker ready} line, Celery's {@code [yyyy-MM-dd HH:mm:ss,SSS: INFO/MainProcess] ... ready.}.
 * Both write local wall-clock time with millisecond digits, so a ready time is only as exact as
 * that (and the bench's own wall clock at the exec).
 */
final class StartupLog {
    private static final Pattern CELERIAC_READY = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*worker ready");
    private static final Pattern CELERY_READY = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}): .*\\] \\S+ ready\\.");
    private static final DateTimeFormatter CELERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private StartupLog() {
    }

    /** Seconds from {@code execEpochMillis} to Celeriac's "worker ready" line, or NaN. */
    static double celeriacReady(Path log, long execEpochMillis) {
        Matcher m = find(log, CELERIAC_READY);
        if (m == null) {
            return Double.NaN;
        }
        LocalTime time = LocalTime.parse(m.group(1));
        ZoneId zone = ZoneId.systemDefault();
        LocalDate day = java.time.Instant.ofEpochMilli(execEpochMillis).atZone(zone).toLocalDate();
        long ready = LocalDateTime.of(day, time).atZone(zone).toInstant().toEpochMilli();
        if (ready < execEpochMillis - 60_000) {
            ready += 86_400_000L; // the line came after midnight
        }
        return (ready - execEpochMillis) / 1000.0;
    }

    /** Seconds from {@code execEpochMillis} to Celery's "ready." line, or NaN. */
    static double celeryReady(Path log, long execEpochMillis) {
        Matcher m = find(log, CELERY_READY);
        if (m == null) {
            return Double.NaN;
        }
        long ready = LocalDateTime.parse(m.group(1), CELERY_TIME).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        return (ready - execEpochMillis) / 1000.0;
    }

    private static Matcher find(Path log, Pattern pattern) {
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
