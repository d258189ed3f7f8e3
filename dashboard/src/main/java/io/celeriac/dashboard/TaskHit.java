package io.celeriac.dashboard;

import java.time.Instant;

/**
 * One task a search found in one place.
 *
 * @param state        WAITING, DELAYED, DEAD, or its result's state
 * @param at           when it was sent (waiting), is due (delayed), was refused (dead) or finished (result); may be null
 * @param argumentText args, kwargs and their reprs as one text, for the argument filter; null when unknown
 * @param where        a short human account of the place (queue and priority, dead-letter reason, ...)
 */
public record TaskHit(String id, String name, String state, String queue, Instant at, String argumentText, String where) {
}
