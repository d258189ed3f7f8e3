package io.celeriac.ai.db;

import io.celeriac.ai.model.Channel;
import io.celeriac.core.db.Database;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * One row per (run, channel): the idempotency key of a notification. A channel is claimed before
 * the provider is called; a claim succeeds for a new row or one whose earlier send failed, never
 * for one sent or in flight, so a run notifies each channel at most once however often it retries.
 */
public final class NotificationLog {
    private final Jdbi jdbi;

    public NotificationLog(Database database) {
        this.jdbi = database.jdbi();
    }

    /** True when this caller may send on {@code channel} for {@code runId}. */
    public boolean claim(long runId, Channel channel, Instant now) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createQuery("""
                        INSERT INTO ai_notifications (run_id, channel, status, updated_at) VALUES (:run, :channel, 'sending', :now)
                        ON CONFLICT (run_id, channel) DO UPDATE SET status = 'sending', detail = NULL, updated_at = :now
                        WHERE ai_notifications.status = 'failed' RETURNING run_id"""), "now", now)
                .bind("run", runId).bind("channel", channel.dbName()).mapTo(Long.class).findOne().isPresent());
    }

    public void sent(long runId, Channel channel, String providerRef, Instant now) {
        mark(runId, channel, "sent", providerRef, null, now);
    }

    /** The send did not happen (the provider refused it or never answered); a retry may try again. */
    public void failed(long runId, Channel channel, String detail, Instant now) {
        mark(runId, channel, "failed", null, detail, now);
    }

    /** Channel to status for a run, e.g. {sms=sent, email=sent}. */
    public Map<Channel, String> statuses(long runId) {
        return jdbi.withHandle(h -> {
            Map<Channel, String> out = new LinkedHashMap<>();
            h.createQuery("SELECT channel, status FROM ai_notifications WHERE run_id = :run ORDER BY channel")
                    .bind("run", runId)
                    .map((rs, ctx) -> Map.entry(Channel.of(rs.getString("channel")), rs.getString("status")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    private void mark(long runId, Channel channel, String status, String ref, String detail, Instant now) {
        jdbi.useHandle(h -> Rows.bindInstant(h.createUpdate("""
                        UPDATE ai_notifications SET status = :status, provider_ref = :ref, detail = :detail, updated_at = :now
                        WHERE run_id = :run AND channel = :channel"""), "now", now)
                .bind("run", runId).bind("channel", channel.dbName()).bind("status", status).bind("ref", ref)
                .bind("detail", detail).execute());
    }
}
