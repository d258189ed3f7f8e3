package io.celeriac.ai.notify;

import io.celeriac.ai.PersonalData;
import io.celeriac.ai.ProviderRejectedException;
import io.celeriac.ai.SendOutcomeUnknownException;
import io.celeriac.ai.TaskNames;
import io.celeriac.ai.db.NotificationLog;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.Notification;
import io.celeriac.ai.model.Notification.Status;
import io.celeriac.ai.model.User;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.flow.Unique;
import io.celeriac.core.client.TaskSender;
import io.celeriac.http.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies a user for a run, each channel at most once and none silently skipped. A channel's
 * message is planned first ({@link #plan}); {@link #deliver} then takes it as far as it can now:
 * <ol>
 *   <li>pending: move it to sending ({@link NotificationLog#begin}, one caller wins), then send:
 *       SMS through the {@link SmsSender}, e-mail as a {@code send_email} task with the idempotency
 *       key {@code ai-run-<run>-email} (the e-mail worker delivers it once);</li>
 *   <li>the provider took it: sent. It did not (unavailable): pending again, to retry after its
 *       Retry-After. It refused: failed. No answer after the request went out: it stays sending;</li>
 *   <li>sending (an earlier attempt's outcome is unknown, or it died mid-send): an SMS is
 *       reconciled once any request of it has ended ({@code ai.sms.timeout} + 5 s) by looking for it
 *       in the provider's message list: found, sent; not there, sent again. An e-mail is queued
 *       again, which the e-mail worker's deduplication makes harmless.</li>
 * </ol>
 */
public final class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** Twilio's limit for one message (it splits into segments below this). */
    static final int SMS_MAX = 1600;
    /**
     * The wait after an unexpected error queueing an e-mail (the broker away), and after an
     * unavailable provider that named no wait (the HTTP layer always names one; a null here would
     * read as "settled" and end the run with the channel unsent).
     */
    static final Duration RETRY = Duration.ofSeconds(15);
    /** The longest an email task's unique lock holds (it ends when the task does). */
    static final Duration EMAIL_LOCK = Duration.ofDays(1);

    private final NotificationLog notifications;
    private final SmsSender sms;
    private final TaskSender sender;
    private final Clock clock;
    private final Duration reconcileAfter;
    private final NotificationMetrics metrics;

    /** What one channel is at after {@link #deliver}; {@code retryIn} is set while something is left to do. */
    public record Delivery(Channel channel, Status status, String detail, Duration retryIn) {
        public boolean settled() {
            return retryIn == null;
        }
    }

    public Notifier(NotificationLog notifications, SmsSender sms, TaskSender sender, Clock clock, Duration reconcileAfter,
                    NotificationMetrics metrics) {
        this.notifications = notifications;
        this.sms = sms;
        this.sender = sender;
        this.clock = clock;
        this.reconcileAfter = reconcileAfter;
        this.metrics = metrics;
    }

    /**
     * Why a channel may not be used for {@code task} and {@code user}, channel by channel; the
     * channels missing from the map may. A channel the task did not choose, that the user opted
     * out of, or that they have no address for is never used, whatever the model asks.
     */
    public static Map<Channel, String> refusals(AiTask task, User user) {
        Map<Channel, String> out = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            boolean sms = channel == Channel.SMS;
            if (!task.channels().contains(channel)) {
                out.put(channel, "the task did not choose " + channel.dbName() + " (its channels: " + Channel.format(task.channels()) + ")");
            } else if (sms ? !user.notifySms() : !user.notifyEmail()) {
                out.put(channel, "the user opted out of " + channel.dbName());
            } else if (blank(sms ? user.phone() : user.email())) {
                out.put(channel, "the user has no " + (sms ? "phone number" : "e-mail address"));
            }
        }
        return out;
    }

    /** Plans {@code body} on {@code channel} unless it has a message already; true when planned now. */
    public boolean plan(long runId, Channel channel, String subject, String body) {
        String text = channel == Channel.SMS && body.length() > SMS_MAX ? body.substring(0, SMS_MAX - 3) + "..." : body;
        return notifications.plan(runId, channel, subject, text, clock.instant());
    }

    /** Records that a channel the task chose was not used, and why (it counts as failed for good). */
    public void refuse(long runId, Channel channel, String reason) {
        notifications.refuse(runId, channel, reason, clock.instant());
    }

    public List<Notification> all(long runId) {
        return notifications.all(runId);
    }

    /** Takes one planned channel as far as it can go now. */
    public Delivery deliver(long runId, User user, Channel channel) {
        Notification row = notifications.find(runId, channel)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no " + channel.dbName() + " message"));
        return switch (row.status()) {
            case SENT, FAILED, UNKNOWN -> new Delivery(channel, row.status(), row.detail(), null);
            case PENDING -> send(row, user, Status.PENDING);
            case SENDING -> channel == Channel.EMAIL ? send(row, user, Status.SENDING) : reconcile(row, user);
        };
    }

    /** Gives up on a channel still unsettled when the run can retry no more: unknown if it may have gone, else failed. */
    public void giveUp(long runId, Channel channel, String reason) {
        notifications.find(runId, channel).filter(r -> !r.status().isFinal()).ifPresent(r -> {
            Status end = r.status() == Status.SENDING ? Status.UNKNOWN : Status.FAILED;
            notifications.mark(runId, channel, end, null, reason, clock.instant());
            metrics.outcome(channel, end.dbName());
            log.atWarn().addKeyValue("run_id", runId).addKeyValue("channel", channel.dbName()).addKeyValue("status", end.dbName())
                    .log("notification given up");
        });
    }

    /** Outcomes recorded for a run, as text for the run row: {@code email=sent sms=sent}. */
    public String summary(long runId) {
        StringBuilder out = new StringBuilder();
        for (Notification n : notifications.all(runId)) {
            out.append(out.isEmpty() ? "" : " ").append(n.channel().dbName()).append('=').append(n.status().dbName());
        }
        return out.toString();
    }

    private Delivery reconcile(Notification row, User user) {
        Instant now = clock.instant();
        Duration age = Duration.between(row.sendingSince(), now);
        if (age.compareTo(reconcileAfter) < 0) {
            return new Delivery(row.channel(), Status.SENDING, row.detail(), reconcileAfter.minus(age));
        }
        try {
            var found = sms.findSent(user.phone(), row.body(), row.sendingSince(), ref -> notifications.knownRef(Channel.SMS, ref));
            if (found.isPresent()) {
                notifications.mark(row.runId(), row.channel(), Status.SENT, found.get(), "reconciled: the provider had it", now);
                metrics.outcome(row.channel(), "reconciled");
                log.atInfo().addKeyValue("run_id", row.runId()).addKeyValue("channel", row.channel().dbName())
                        .log("notification reconciled: the provider had taken it");
                return new Delivery(row.channel(), Status.SENT, "reconciled", null);
            }
        } catch (ProviderUnavailableException e) {
            return new Delivery(row.channel(), Status.SENDING, e.getMessage(), waitOf(e));
        }
        log.atInfo().addKeyValue("run_id", row.runId()).addKeyValue("channel", row.channel().dbName())
                .log("notification reconciled: the provider never took it; sending it");
        return send(row, user, Status.SENDING);
    }

    private Delivery send(Notification row, User user, Status from) {
        long runId = row.runId();
        Channel channel = row.channel();
        if (!notifications.begin(runId, channel, from, clock.instant())) {
            // another attempt moved it on (a takeover racing a late worker): look again later
            return new Delivery(channel, Status.SENDING, "being sent by another attempt", reconcileAfter);
        }
        try {
            String ref = channel == Channel.SMS ? sms.send(user.phone(), row.body(), key(runId, channel))
                    : sender.send(TaskNames.SEND_EMAIL, List.of(), Map.of("to", user.email(), "subject", row.subject(),
                    "body", row.body(), "idempotency_key", key(runId, channel)),
                    // one email task per run and channel: a resend while it waits or runs gets its id
                    SendOptions.defaults().unique(Unique.untilExecuted(EMAIL_LOCK).key(key(runId, channel)))).id();
            notifications.mark(runId, channel, Status.SENT, ref, null, clock.instant());
            metrics.outcome(channel, "sent");
            log.atInfo().addKeyValue("run_id", runId).addKeyValue("channel", channel.dbName()).log("user notified");
            return new Delivery(channel, Status.SENT, null, null);
        } catch (ProviderUnavailableException e) {
            notifications.mark(runId, channel, Status.PENDING, null, e.getMessage(), clock.instant());
            metrics.outcome(channel, "retry");
            return new Delivery(channel, Status.PENDING, e.getMessage(), waitOf(e));
        } catch (ProviderRejectedException e) {
            notifications.mark(runId, channel, Status.FAILED, null, e.getMessage(), clock.instant());
            metrics.outcome(channel, "failed");
            return new Delivery(channel, Status.FAILED, e.getMessage(), null);
        } catch (SendOutcomeUnknownException e) {
            notifications.mark(runId, channel, Status.SENDING, null, e.getMessage(), clock.instant());
            metrics.outcome(channel, "outcome_unknown");
            return new Delivery(channel, Status.SENDING, e.getMessage(), reconcileAfter);
        } catch (RuntimeException e) {
            String detail = PersonalData.mask(e.toString());
            if (channel == Channel.SMS) {
                // the sender failed in a way we did not foresee: it may have sent, so reconcile before any resend
                notifications.mark(runId, channel, Status.SENDING, null, detail, clock.instant());
                return new Delivery(channel, Status.SENDING, detail, reconcileAfter);
            }
            notifications.mark(runId, channel, Status.PENDING, null, detail, clock.instant());
            return new Delivery(channel, Status.PENDING, detail, RETRY);
        }
    }

    private static Duration waitOf(ProviderUnavailableException e) {
        return e.retryAfter() != null ? e.retryAfter() : RETRY;
    }

    private static String key(long runId, Channel channel) {
        return "ai-run-" + runId + "-" + channel.dbName();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
