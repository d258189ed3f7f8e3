package io.celeriac.beat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.schedule.Schedule;
import java.time.Duration;
import java.time.ZoneId;

/**
 * One periodic task: what to send and when. Built only by {@link EntryJson}, which validates it.
 *
 * @param name     unique; the Redis key of its state
 * @param task     the task name sent
 * @param schedule when it fires
 * @param zone     the zone its times are shown and read in (a cron entry's schedule uses it)
 * @param args     positional arguments (a JSON list)
 * @param kwargs   keyword arguments (a JSON object)
 * @param options  queue, priority, expires
 * @param enabled  as defined; an operator's {@code beat enable|disable} overrides it
 * @param misfire  what to do about occurrences missed while no beat ran
 * @param catchUpWindow how far back {@code catch-up} sends missed occurrences; null: the beat's setting
 */
public record BeatEntry(String name, String task, Schedule schedule, ZoneId zone, ArrayNode args, ObjectNode kwargs,
                        EntryOptions options, boolean enabled, MisfirePolicy misfire, Duration catchUpWindow) {
}
