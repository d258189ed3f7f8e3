package io.celeriac.ai.service;

/**
 * A request to create a task, as people and LLMs write it: text fields, checked by
 * {@link TaskValidator}. Exactly one of {@code at}, {@code in}, {@code cron}, {@code every}.
 *
 * @param at             a date-time; without an offset it is local time in {@code tz} (default: the user's zone)
 * @param in             a delay such as {@code 5m}
 * @param channels         channels, comma-separated ({@code sms,email}); default: the user's preferences
 * @param until          no run after this local date-time
 * @param idempotencyKey the same key for the same user returns the first task instead of creating another
 * @param createdByRun   the run whose tool call asks for it, or null (a person, a chat)
 */
public record TaskRequest(Long userId, String title, String prompt, String kind, String at, String in, String cron,
                          String every, String tz, String channels, Integer maxRuns, String until, String idempotencyKey,
                          Long createdByRun) {

    public TaskRequest(Long userId, String title, String prompt, String kind, String at, String in, String cron,
                       String every, String tz, String channels, Integer maxRuns, String until, String idempotencyKey) {
        this(userId, title, prompt, kind, at, in, cron, every, tz, channels, maxRuns, until, idempotencyKey, null);
    }

    public TaskRequest withIdempotencyKey(String key) {
        return new TaskRequest(userId, title, prompt, kind, at, in, cron, every, tz, channels, maxRuns, until, key, createdByRun);
    }

    public TaskRequest withUser(long user) {
        return new TaskRequest(user, title, prompt, kind, at, in, cron, every, tz, channels, maxRuns, until, idempotencyKey,
                createdByRun);
    }
}
