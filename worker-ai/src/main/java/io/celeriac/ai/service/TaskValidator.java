package io.celeriac.ai.service;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.InvalidAiTaskException;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.NextRun;
import io.celeriac.ai.model.TaskDraft;
import io.celeriac.ai.model.TaskKind;
import io.celeriac.ai.model.TaskSchedule;
import io.celeriac.ai.model.User;
import io.celeriac.core.config.Durations;
import io.celeriac.core.schedule.CronSchedule;
import io.celeriac.core.schedule.InvalidScheduleException;
import io.celeriac.core.schedule.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@link TaskRequest} into a {@link TaskDraft} or throws {@link InvalidAiTaskException}
 * naming the field. Pure: the user and {@code now} are given, so nothing is written until all is valid.
 */
public final class TaskValidator {
    static final int MAX_PROMPT = 4000;
    static final int MAX_TITLE = 200;
    static final int MAX_RUNS = 1_000_000;
    /** Occurrences of a cron looked at for its shortest gap: two weeks' worth, or this many. */
    private static final int GAP_SAMPLE = 2_000;

    private TaskValidator() {
    }

    /**
     * @param defaultKey used when the request carries no idempotency key
     * @param limits     the shortest interval and the furthest date allowed
     */
    public static TaskDraft validate(TaskRequest r, User user, Instant now, String defaultKey, AiConfig.Limits limits) {
        String prompt = r.prompt() == null ? "" : r.prompt().strip();
        if (prompt.isEmpty()) {
            throw new InvalidAiTaskException("prompt", "must not be empty");
        }
        if (prompt.length() > MAX_PROMPT) {
            throw new InvalidAiTaskException("prompt", "must be at most " + MAX_PROMPT + " characters");
        }
        String title = r.title() == null || r.title().isBlank() ? titleFrom(prompt) : r.title().strip();
        if (title.length() > MAX_TITLE) {
            throw new InvalidAiTaskException("title", "must be at most " + MAX_TITLE + " characters");
        }
        ZoneId zone = zone(r.tz(), user);
        TaskSchedule schedule = schedule(r, zone, now, limits);
        Instant endAt = r.until() == null || r.until().isBlank() ? null : within("until", dateTime("until", r.until(), zone), now, limits);
        if (r.maxRuns() != null && (r.maxRuns() < 1 || r.maxRuns() > MAX_RUNS)) {
            throw new InvalidAiTaskException("max_runs", "must be from 1 to " + MAX_RUNS + ", got " + r.maxRuns());
        }
        Instant first = NextRun.first(schedule, zone, now, null)
                .orElseThrow(() -> new InvalidAiTaskException(field(r), "the schedule never fires"));
        if (endAt != null && first.isAfter(endAt)) {
            throw new InvalidAiTaskException("until", "is before the first run (" + first.atZone(zone).toLocalDateTime() + ")");
        }
        TaskKind kind = kind(r.kind(), schedule);
        Set<Channel> channels = channels(r.channels(), user);
        String key = r.idempotencyKey() == null || r.idempotencyKey().isBlank() ? defaultKey : r.idempotencyKey().strip();
        if (key.length() > 200) {
            throw new InvalidAiTaskException("idempotency_key", "must be at most 200 characters");
        }
        return new TaskDraft(user.id(), title, prompt, kind, schedule, zone, first, channels, r.maxRuns(), endAt, key,
                r.createdByRun());
    }

    /** {@code at} unless it is further than the horizon from now. */
    private static Instant within(String field, Instant at, Instant now, AiConfig.Limits limits) {
        if (at.isAfter(now.plus(limits.horizon()))) {
            throw new InvalidAiTaskException(field, "is more than " + Durations.format(limits.horizon())
                    + " ahead; the furthest allowed is " + now.plus(limits.horizon()).truncatedTo(ChronoUnit.DAYS));
        }
        return at;
    }

    private static TaskSchedule schedule(TaskRequest r, ZoneId zone, Instant now, AiConfig.Limits limits) {
        List<String> given = new ArrayList<>();
        for (String[] f : new String[][] {{"at", r.at()}, {"in", r.in()}, {"cron", r.cron()}, {"every", r.every()}}) {
            if (f[1] != null && !f[1].isBlank()) {
                given.add(f[0]);
            }
        }
        if (given.size() != 1) {
            throw new InvalidAiTaskException("schedule", "give exactly one of at, in, cron, every"
                    + (given.isEmpty() ? "" : " (got " + String.join(", ", given) + ")"));
        }
        switch (given.get(0)) {
            case "at" -> {
                Instant at = within("at", dateTime("at", r.at(), zone), now, limits);
                if (!at.isAfter(now)) {
                    throw new InvalidAiTaskException("at", r.at().strip() + " is in the past (now "
                            + now.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS) + " " + zone.getId() + ")");
                }
                return new TaskSchedule.Once(at);
            }
            case "in" -> {
                Duration delay = duration("in", r.in());
                if (delay.compareTo(limits.horizon()) > 0) {
                    throw new InvalidAiTaskException("in", "must be at most " + Durations.format(limits.horizon())
                            + ", got " + r.in().strip());
                }
                return new TaskSchedule.Once(now.plus(delay));
            }
            case "cron" -> {
                CronSchedule cron;
                try {
                    cron = CronSchedule.parse(r.cron(), zone);
                } catch (InvalidScheduleException e) {
                    throw new InvalidAiTaskException("cron", e.getMessage());
                }
                Duration gap = shortestGap(cron, now);
                if (gap != null && gap.compareTo(limits.minInterval()) < 0) {
                    throw new InvalidAiTaskException("cron", "'" + r.cron().strip() + "' runs " + Durations.format(gap)
                            + " apart; the shortest interval allowed is " + Durations.format(limits.minInterval()));
                }
                return new TaskSchedule.Cron(r.cron().strip().replaceAll("\\s+", " "));
            }
            default -> {
                Duration period = duration("every", r.every());
                if (period.compareTo(limits.minInterval()) < 0 || period.toMillis() % 1000 != 0) {
                    throw new InvalidAiTaskException("every", "must be whole seconds and at least "
                            + Durations.format(limits.minInterval()) + ", got " + r.every().strip());
                }
                if (period.compareTo(limits.horizon()) > 0) {
                    throw new InvalidAiTaskException("every", "must be at most " + Durations.format(limits.horizon())
                            + ", got " + r.every().strip());
                }
                return new TaskSchedule.Every(period, now.plus(period).truncatedTo(ChronoUnit.SECONDS));
            }
        }
    }

    /** The shortest gap between runs over the next two weeks (or {@link #GAP_SAMPLE} runs); null if it runs at most once. */
    private static Duration shortestGap(CronSchedule cron, Instant now) {
        Duration shortest = null;
        Instant previous = null;
        Instant end = now.plus(Duration.ofDays(14));
        int seen = 0;
        for (Instant at = cron.nextAfter(now).orElse(null); at != null && at.isBefore(end) && seen < GAP_SAMPLE;
             at = cron.nextAfter(at).orElse(null), seen++) {
            if (previous != null) {
                Duration gap = Duration.between(previous, at);
                shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            }
            previous = at;
        }
        return shortest;
    }

    private static Duration duration(String field, String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new InvalidAiTaskException(field, "must be more than zero");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new InvalidAiTaskException(field, e.getMessage());
        }
    }

    /** ISO date-time with an offset, or local ({@code 2026-12-01T09:00}, a space also works) in {@code zone}. */
    static Instant dateTime(String field, String text, ZoneId zone) {
        String t = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException ignored) {
            // no offset: local time in the zone
        }
        try {
            // a time in a spring-forward gap moves forward by the gap's length, as a person would expect
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidAiTaskException(field, "'" + text.strip() + "' is not a date-time (example: 2026-12-01T09:00)");
        }
    }

    private static ZoneId zone(String tz, User user) {
        if (tz == null || tz.isBlank()) {
            return user.zone();
        }
        try {
            return Schedule.zone(tz);
        } catch (InvalidScheduleException e) {
            throw new InvalidAiTaskException("tz", e.getMessage());
        }
    }

    private static TaskKind kind(String text, TaskSchedule schedule) {
        if (text == null || text.isBlank()) {
            return schedule.recurring() ? TaskKind.PERIODIC : TaskKind.REMINDER;
        }
        try {
            return TaskKind.of(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidAiTaskException("kind", "'" + text.strip() + "' is not one of reminder, automated, periodic");
        }
    }

    private static Set<Channel> channels(String notify, User user) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (notify == null || notify.isBlank()) {
            if (user.notifySms() && user.phone() != null) {
                channels.add(Channel.SMS);
            }
            if (user.notifyEmail() && user.email() != null) {
                channels.add(Channel.EMAIL);
            }
            if (channels.isEmpty()) {
                throw new InvalidAiTaskException("notify", "user " + user.id() + " has no channel enabled with a phone or e-mail");
            }
            return channels;
        }
        try {
            channels.addAll(Channel.parseList(notify));
        } catch (IllegalArgumentException e) {
            throw new InvalidAiTaskException("notify", "'" + notify.strip() + "': channels are sms and email");
        }
        if (channels.contains(Channel.SMS) && (user.phone() == null || user.phone().isBlank())) {
            throw new InvalidAiTaskException("notify", "sms needs a phone number, and user " + user.id() + " has none");
        }
        if (channels.contains(Channel.EMAIL) && (user.email() == null || user.email().isBlank())) {
            throw new InvalidAiTaskException("notify", "email needs an e-mail address, and user " + user.id() + " has none");
        }
        return channels;
    }

    private static String field(TaskRequest r) {
        return r.cron() != null ? "cron" : r.every() != null ? "every" : "at";
    }

    private static String titleFrom(String prompt) {
        String line = prompt.lines().findFirst().orElse(prompt).strip();
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
