package io.celeriac.ai.db;

import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.Notification;
import io.celeriac.db.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * One row per (run, channel): the message planned for the channel and its outcome (statuses in
 * {@link Notification.Status}). Sending goes pending -> sending -> sent | pending | failed, and a
 * send whose outcome is unknown stays {@code sending} until it is reconciled with the provider
 * (sent, or pending again) or given up as {@code unknown}. {@link #begin} is the only way into
 * {@code sending} and is conditional, so two attempts never send one channel at once.
 */
public final class NotificationLog {
    private final Jdbi jdbi;

    public NotificationLog(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Plans {@code body} on {@code channel} unless the channel already has a message; true when planned now. */
    public boolean plan(long runId, Channel channel, String subject, String body, Instant now) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createUpdate("""
                        INSERT INTO ai_notifications (run_id, channel, status, subject, body, updated_at)
                        VALUES (:run, :channel, 'pending', :subject, :body, :now) ON CONFLICT (run_id, channel) DO NOTHING"""),
                        "now", now)
                .bind("run", runId).bind("channel", channel.dbName()).bind("subject", subject).bind("body", body).execute() == 1);
    }

    /** A channel refused before any send (opted out, no address): failed for good. */
    public void refuse(long runId, Channel channel, String detail, Instant now) {
        jdbi.useHandle(h -> Rows.bindInstant(h.createUpdate("""
                        INSERT INTO ai_notifications (run_id, channel, status, detail, updated_at)
                        VALUES (:run, :channel, 'failed', :detail, :now) ON CONFLICT (run_id, channel) DO NOTHING"""), "now", now)
                .bind("run", runId).bind("channel", channel.dbName()).bind("detail", detail).execute());
    }

    public Optional<Notification> find(long runId, Channel channel) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_notifications WHERE run_id = :run AND channel = :channel")
                .bind("run", runId).bind("channel", channel.dbName()).map(Rows::notification).findOne());
    }

    public List<Notification> all(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_notifications WHERE run_id = :run ORDER BY channel")
                .bind("run", runId).map(Rows::notification).list());
    }

    /**
     * Moves the channel from {@code from} (pending, or sending when a reconciliation found nothing)
     * to sending; true when this caller may now send it.
     */
    public boolean begin(long runId, Channel channel, Notification.Status from, Instant now) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createUpdate("""
                        UPDATE ai_notifications SET status = 'sending', attempts = attempts + 1, sending_since = :now,
                            updated_at = :now WHERE run_id = :run AND channel = :channel AND status = :from"""), "now", now)
                .bind("run", runId).bind("channel", channel.dbName()).bind("from", from.dbName()).execute() == 1);
    }

    public void mark(long runId, Channel channel, Notification.Status status, String ref, String detail, Instant now) {
        jdbi.useHandle(h -> Rows.bindInstant(h.createUpdate("""
                        UPDATE ai_notifications SET status = :status, provider_ref = COALESCE(:ref, provider_ref),
                            detail = :detail, updated_at = :now WHERE run_id = :run AND channel = :channel"""), "now", now)
                .bind("run", runId).bind("channel", channel.dbName()).bind("status", status.dbName()).bind("ref", ref)
                .bind("detail", detail).execute());
    }

    /** Provider references of every message sent on {@code channel}, so a reconciliation never claims another run's. */
    public boolean knownRef(Channel channel, String ref) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT 1 FROM ai_notifications WHERE channel = :channel AND provider_ref = :ref LIMIT 1""")
                .bind("channel", channel.dbName()).bind("ref", ref).mapTo(Integer.class).findOne().isPresent());
    }
}
