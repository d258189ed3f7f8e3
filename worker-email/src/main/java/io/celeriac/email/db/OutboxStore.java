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
 * row whose claim is older than {@code staleBefore} and whose sender had not reached the end of
 * DATA; only the holder of the current claim token may finish it. Callers pass {@code now};
 * nothing here reads a clock. The moves are listed on {@link OutboxStatus}.
 */
public final class OutboxStore {
    private static final String COLUMNS = "id, idempotency_key, recipient, subject, body, html, status, attempts,"
            + " claim_token, claimed_at, next_attempt_at, last_error, created_at, updated_at, sent_at, data_end_at";
    /** A SENDING row whose sender is presumed dead and had not committed the message: safe to claim again. */
    private static final String STALE_UNCOMMITTED = "(status = 'sending' AND claimed_at < :stale AND data_end_at IS NULL)";

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

    /** Newest first; only {@code status} when it is not null. */
    public List<OutboxMessage> list(OutboxStatus status, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM email_outbox"
                        + (status == null ? "" : " WHERE status = :status") + " ORDER BY id DESC LIMIT :limit")
                .bind("status", status == null ? null : status.dbValue()).bind("limit", limit)
                .map((rs, ctx) -> map(rs)).list());
    }

    /** Takes message {@code id} for sending under {@code token}; empty when it is not claimable now. */
    public Optional<OutboxMessage> claim(long id, String token, Instant now, Instant staleBefore) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE email_outbox SET status = 'sending', claim_token = :token,"
                        + " claimed_at = :now, data_end_at = NULL, attempts = attempts + 1, updated_at = :now"
                        + " WHERE id = :id AND ((status = 'pending' AND next_attempt_at <= :now) OR " + STALE_UNCOMMITTED
                        + ") RETURNING " + COLUMNS)
                .bind("id", id).bind("token", token).bind("now", ts(now)).bind("stale", ts(staleBefore))
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /**
     * Records that the holder of {@code token} is about to end DATA. False when the claim was lost
     * (taken over as stale): the sender must then stop before the end, so the message is not
     * committed twice.
     */
    public boolean markDataEnd(long id, String token, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE email_outbox SET data_end_at = :now, updated_at = :now"
                        + " WHERE id = :id AND status = 'sending' AND claim_token = :token")
                .bind("id", id).bind("token", token).bind("now", ts(now)).execute()) == 1;
    }

    /** False when the claim was lost before the send finished. A late answer may settle an UNKNOWN row of the same claim. */
    public boolean markSent(long id, String token, Instant now) {
        return finish(id, token, "status = 'sent', sent_at = :now, last_error = NULL", null, null, now);
    }

    public boolean markPending(long id, String token, Instant nextAttempt, String error, Instant now) {
        return finish(id, token, "status = 'pending', next_attempt_at = :next, last_error = :error", nextAttempt, error, now);
    }

    public boolean markFailed(long id, String token, String error, Instant now) {
        return finish(id, token, "status = 'failed', last_error = :error", null, error, now);
    }

    /** The send committed the message and got no answer; the claim token stays, for a late answer. */
    public boolean markUnknown(long id, String token, String detail, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE email_outbox SET status = 'unknown', last_error = :detail,"
                        + " updated_at = :now WHERE id = :id AND status = 'sending' AND claim_token = :token")
                .bind("id", id).bind("token", token).bind("detail", detail).bind("now", ts(now)).execute()) == 1;
    }

    private boolean finish(long id, String token, String set, Instant next, String error, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE email_outbox SET " + set
                        + ", claim_token = NULL, updated_at = :now"
                        + " WHERE id = :id AND status IN ('sending', 'unknown') AND claim_token = :token")
                .bind("id", id).bind("token", token).bind("now", ts(now)).bind("next", ts(next)).bind("error", error)
                .execute()) == 1;
    }

    /**
     * SENDING rows claimed before {@code staleBefore} whose sender reached the end of DATA and was
     * never heard from again (it died, or lost its database): UNKNOWN, never claimed again.
     * Returns their ids.
     */
    public List<Long> expireCommitted(Instant staleBefore, String detail, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE email_outbox SET status = 'unknown', last_error = :detail,"
                        + " updated_at = :now WHERE status = 'sending' AND claimed_at < :stale AND data_end_at IS NOT NULL"
                        + " RETURNING id")
                .bind("stale", ts(staleBefore)).bind("detail", detail).bind("now", ts(now)).mapTo(Long.class).list());
    }

    /** Open messages worth a claim now, oldest first: due PENDING ones and stale SENDING ones that had not ended DATA. */
    public List<Long> due(Instant now, Instant staleBefore, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM email_outbox"
                        + " WHERE (status = 'pending' AND next_attempt_at <= :now) OR " + STALE_UNCOMMITTED
                        + " ORDER BY created_at, id LIMIT :limit")
                .bind("now", ts(now)).bind("stale", ts(staleBefore)).bind("limit", limit)
                .mapTo(Long.class).list());
    }

    /**
     * An operator's resend of an UNKNOWN or FAILED message: PENDING, due {@code now}, attempts from
     * zero; {@code note} is put before the last error, which stays as history. False when the row is
     * in neither state (someone decided first).
     */
    public boolean resend(long id, String note, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE email_outbox SET status = 'pending', attempts = 0,"
                        + " next_attempt_at = :now, claim_token = NULL, data_end_at = NULL,"
                        + " last_error = :note || COALESCE(last_error, ''), updated_at = :now"
                        + " WHERE id = :id AND status IN ('unknown', 'failed')")
                .bind("id", id).bind("note", note).bind("now", ts(now)).execute()) == 1;
    }

    /**
     * An operator's word that an UNKNOWN message did arrive: SENT, as of when DATA ended (else its
     * claim, else {@code now}). False when the row is not UNKNOWN.
     */
    public boolean markSentByOperator(long id, String note, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE email_outbox SET status = 'sent',"
                        + " sent_at = COALESCE(data_end_at, claimed_at, :now), claim_token = NULL,"
                        + " last_error = :note || COALESCE(last_error, ''), updated_at = :now"
                        + " WHERE id = :id AND status = 'unknown'")
                .bind("id", id).bind("note", note).bind("now", ts(now)).execute()) == 1;
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
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "sent_at"), instant(rs, "data_end_at"));
    }
}
