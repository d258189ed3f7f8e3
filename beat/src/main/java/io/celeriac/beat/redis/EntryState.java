package io.celeriac.beat.redis;

import java.time.Instant;

/**
 * An entry's state in Redis.
 *
 * @param rev        revision of the definition; a claim must name the one it read
 * @param next       next due time, null when the schedule never fires again
 * @param lastRun    when the last message was sent, or null
 * @param lastTaskId the id of the last message sent, or null
 * @param runs       messages sent
 * @param skipped    occurrences skipped by the {@code skip} misfire policy
 * @param override   the operator's enable (true) or disable (false), or null
 * @param fromConfig whether the entry is defined in the config (the CLI may not remove it)
 */
public record EntryState(String rev, Instant next, Instant lastRun, String lastTaskId, long runs, long skipped,
                         Boolean override, boolean fromConfig) {
}
