package io.celeriac.email.summary;

import java.time.LocalDate;

/**
 * A user who may get a daily summary.
 *
 * @param timeZone    the user's IANA zone as stored (may be invalid; the planner falls back to UTC)
 * @param lastDecided the latest local date a summary was sent or skipped for, or null
 */
public record Recipient(long userId, String name, String email, String timeZone, LocalDate lastDecided) {
}
