package io.celeriac.email.db;

import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.OutboxMessage;
import io.celeriac.email.outbox.OutboxStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code email_outbox} table. Every state change is one conditional UPDATE, so two senders
 * racing for a message cannot both win: a claim only succeeds on a due PENDING row or on a SENDING
 * row whose claim is older than {@code staleBefore}, and only the holder of the current claim
 * token may finish it. Callers pass {@code now}; nothing here reads a clock.
 */
public final class OutboxStore {
    private static final String COLUMNS = "id, idempotency_key, recipient, subject, body, html, status, attempts,"
            + " claim_token, claimed_at, next_attempt_at, last_error, created_at, sent_at";

    private final Jdbi jdbi;

    public OutboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records {@code request} as PENDING, due now, unless its key is known; returns the row's id either way. */
    public long insertIfAbsent(EmailRequest request, Instant now) {
        return jdbi.inTransaction(h -> insertIfAbsent(h, request, now));
    }

    static long insertIfAbsent(Handle h, EmailRequest request, Instant now) {
        Optional<Long> inserted = h.createQuery("""
                        INSERT INTO email_outbox (idempotency_key, recipient, subject, body, html, status,
                                                  next_attempt_at, created_at, updated_at)
                        VALUES (:key, :to, :subject, :body, :html, 'pending', :now, :now, :now)
                        ON CONFLICT (idempotency_key) DO NOTHING
                        RETURNING id""")
                .bind("key", request.idempotencyKey()).bind("to", request.to()).bind("subject", request.subject())
                .bind("body", request.body()).bind("html", request.html()).bind("now", ts(now))
                .mapTo(Long.class).findOne();
        return inserted.orElseGet(() -> h.createQuery("SELECT id FROM email_outbox WHERE idempotency_key = :key")
                .bind("key", request.idempotencyKey()).mapTo(Long.class).one());
    }

    public Optional<OutboxMessage> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM email_outbox WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
    }

    public Optional<OutboxMessage> findByKey(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM email_outbox WHERE idempotency_key = :key")
                .bind("key", key).map((rs, ctx) -> map(rs)).findOne());
    }

    /** Takes message {@code id} for sending under {@code token}; empty when it is not claimable now. */
    public Optional<OutboxMessage> claim(long id, String token, Instant now, Instant staleBefore) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE email_outbox SET status = 'sending', claim_token = :token,"
                        + " claimed_at = :now, attempts = attempts + 1, updated_at = :now"
                        + " WHERE id = :id AND ((status = 'pending' AND next_attempt_at <= :now)"
                        + " OR (status = 'sending' AND claimed_at < :stale)) RETURNING " + COLUMNS)
                .bind("id", id).bind("token", token).bind("now", ts(now)).bind("stale", ts(staleBefore))
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** False when the claim was lost (taken over as stale) before the send finished. */
    public boolean markSent(long id, String token, Instant now) {
        return finish(id, token, "status = 'sent', sent_at = :now, last_error = NULL", null, null, now);
    }

    public boolean markPending(long id, String token, Instant nextAttempt, String error, Instant now) {
        return finish(id, token, "status = 'pending', next_attempt_at = :next, last_error = :error", nextAttempt, error, now);
    }

    public boolean markFailed(long id, String token, String error, Instant now) {
        return finish(id, token, "status = 'failed', last_error = :error", null, error, now);
    }

    private boolean finish(long id, String token, String set, Instant next, String error, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE email_outbox SET " + set
                        + ", claim_token = NULL, updated_at = :now WHERE id = :id AND status = 'sending' AND claim_token = :token")
                .bind("id", id).bind("token", token).bind("now", ts(now)).bind("next", ts(next)).bind("error", error)
                .execute()) == 1;
    }

    /** Open messages worth a claim now, oldest first: due PENDING ones and SENDING ones claimed before {@code staleBefore}. */
    public List<Long> due(Instant now, Instant staleBefore, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM email_outbox"
                        + " WHERE (status = 'pending' AND next_attempt_at <= :now) OR (status = 'sending' AND claimed_at < :stale)"
                        + " ORDER BY created_at, id LIMIT :limit")
                .bind("now", ts(now)).bind("stale", ts(staleBefore)).bind("limit", limit)
                .mapTo(Long.class).list());
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }

    private static OutboxMessage map(ResultSet rs) throws SQLException {
        return new OutboxMessage(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("body"), rs.getString("html"),
                OutboxStatus.fromDb(rs.getString("status")), rs.getInt("attempts"), rs.getString("claim_token"),
                instant(rs, "claimed_at"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "sent_at"));
    }
}
