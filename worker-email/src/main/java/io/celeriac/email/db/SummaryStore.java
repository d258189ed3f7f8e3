package io.celeriac.email.db;

import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.summary.Recipient;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

/**
 * Users who receive mail and the {@code email_daily_summaries} decisions. The decision row's
 * primary key (user, local date) is what makes "at most one summary per user per day" hold even
 * if two runs raced past the advisory lock.
 */
public final class SummaryStore {
    private final Jdbi jdbi;

    public SummaryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Users with an address who want mail, with the last local date decided for each. */
    public List<Recipient> recipients() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, u.name, u.email, u.time_zone,
                               (SELECT max(s.local_date) FROM email_daily_summaries s WHERE s.user_id = u.id) AS last_decided
                        FROM users u
                        WHERE u.email IS NOT NULL AND u.email <> '' AND u.notify_email
                        ORDER BY u.id""")
                .map((rs, ctx) -> {
                    Date last = rs.getDate("last_decided");
                    return new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                            rs.getString("time_zone"), last == null ? null : last.toLocalDate());
                }).list());
    }

    /** Records that {@code userId} had nothing to report on {@code day}; false when already decided. */
    public boolean recordEmpty(long userId, LocalDate day, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO email_daily_summaries (user_id, local_date, outcome, decided_at)"
                        + " VALUES (:user, :day, 'empty', :now) ON CONFLICT DO NOTHING")
                .bind("user", userId).bind("day", day).bind("now", OutboxStore.ts(now)).execute()) == 1;
    }

    /**
     * Records the decision and puts {@code mail} in the outbox, in one transaction; the outbox id,
     * or empty when the day was already decided (nothing is added then).
     */
    public Optional<Long> recordQueued(long userId, LocalDate day, EmailRequest mail, Instant now) {
        return jdbi.inTransaction(h -> {
            int decided = h.createUpdate("INSERT INTO email_daily_summaries (user_id, local_date, outcome, decided_at)"
                            + " VALUES (:user, :day, 'queued', :now) ON CONFLICT DO NOTHING")
                    .bind("user", userId).bind("day", day).bind("now", OutboxStore.ts(now)).execute();
            if (decided == 0) {
                return Optional.empty();
            }
            long outboxId = OutboxStore.insertIfAbsent(h, mail, now);
            h.createUpdate("UPDATE email_daily_summaries SET outbox_id = :id WHERE user_id = :user AND local_date = :day")
                    .bind("id", outboxId).bind("user", userId).bind("day", day).execute();
            return Optional.of(outboxId);
        });
    }
}
