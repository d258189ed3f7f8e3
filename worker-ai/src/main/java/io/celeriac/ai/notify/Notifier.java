package io.celeriac.ai.notify;

import io.celeriac.ai.AiException;
import io.celeriac.ai.ProviderRejectedException;
import io.celeriac.ai.ProviderUnavailableException;
import io.celeriac.ai.TaskNames;
import io.celeriac.ai.db.NotificationLog;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.User;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskSender;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies a user for a run, each channel at most once per run. For each channel:
 * <ol>
 *   <li>claim (run, channel) in the notification log; a channel sent or in flight is skipped;</li>
 *   <li>send: SMS through the {@link SmsSender}, e-mail as a {@code send_email} task with the
 *       idempotency key {@code ai-run-<run>-email} (the e-mail worker delivers it);</li>
 *   <li>record sent, or failed (then a retry of the run may send it again).</li>
 * </ol>
 * Every channel is tried before a failure is rethrown, so one channel down does not hold back the
 * others; an unavailable provider wins over a refusal, so the run retries rather than fails. An
 * unexpected error while queueing an e-mail (the broker away) marks it failed, since the e-mail
 * worker deduplicates a resend; the same error from the SMS sender leaves the channel {@code sending}
 * (Twilio may have taken it), so it is never sent twice.
 */
public final class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** Twilio's limit for one message (it splits into segments below this). */
    static final int SMS_MAX = 1600;

    private final NotificationLog notifications;
    private final SmsSender sms;
    private final TaskSender sender;
    private final Clock clock;

    public Notifier(NotificationLog notifications, SmsSender sms, TaskSender sender, Clock clock) {
        this.notifications = notifications;
        this.sms = sms;
        this.sender = sender;
        this.clock = clock;
    }

    /** Channel to outcome: {@code sent}, {@code queued}, {@code already sent}, or {@code failed: reason}. */
    public Map<Channel, String> notify(long runId, User user, String subject, String message, Set<Channel> channels) {
        Map<Channel, String> outcome = new EnumMap<>(Channel.class);
        ProviderUnavailableException unavailable = null;
        RuntimeException unqueued = null;
        AiException refused = null;
        for (Channel channel : new TreeSet<>(channels)) {
            if (!notifications.claim(runId, channel, clock.instant())) {
                outcome.put(channel, "already sent");
                continue;
            }
            try {
                String ref = send(runId, user, subject, message, channel);
                notifications.sent(runId, channel, ref, clock.instant());
                outcome.put(channel, channel == Channel.EMAIL ? "queued" : "sent");
                log.atInfo().addKeyValue("run_id", runId).addKeyValue("channel", channel.dbName()).log("user notified");
            } catch (ProviderUnavailableException e) {
                notifications.failed(runId, channel, e.getMessage(), clock.instant());
                outcome.put(channel, "failed: " + e.getMessage());
                unavailable = e;
            } catch (ProviderRejectedException | MissingAddressException e) {
                notifications.failed(runId, channel, e.getMessage(), clock.instant());
                outcome.put(channel, "failed: " + e.getMessage());
                refused = e;
            } catch (RuntimeException e) {
                if (channel != Channel.EMAIL) {
                    throw e;
                }
                notifications.failed(runId, channel, e.toString(), clock.instant());
                outcome.put(channel, "failed: " + e);
                unqueued = e;
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        if (unqueued != null) {
            throw unqueued;
        }
        if (refused != null) {
            throw refused;
        }
        return outcome;
    }

    /** Outcomes recorded for a run, as text for the run row: {@code email=sent sms=sent}. */
    public String summary(long runId) {
        StringBuilder out = new StringBuilder();
        notifications.statuses(runId).forEach((c, s) -> out.append(out.isEmpty() ? "" : " ").append(c.dbName()).append('=').append(s));
        return out.toString();
    }

    /**
     * Where a run's final answer still has to go: all of {@code channels} when nothing was sent for
     * the run (the model notified no one), else only the channels whose send failed, which an earlier
     * attempt meant to reach. Channels sent or being sent are never in it.
     */
    public Set<Channel> stillToNotify(long runId, Set<Channel> channels) {
        Map<Channel, String> statuses = notifications.statuses(runId);
        if (statuses.values().stream().allMatch(s -> s.equals("failed"))) {
            return channels;
        }
        Set<Channel> failed = EnumSet.noneOf(Channel.class);
        statuses.forEach((channel, status) -> {
            if (status.equals("failed")) {
                failed.add(channel);
            }
        });
        return failed;
    }

    /** Whether any channel was sent (or is being sent) for the run. */
    public boolean anySent(long runId) {
        return notifications.statuses(runId).values().stream().anyMatch(s -> !s.equals("failed"));
    }

    private String send(long runId, User user, String subject, String message, Channel channel) {
        String key = "ai-run-" + runId + "-" + channel.dbName();
        if (channel == Channel.SMS) {
            if (user.phone() == null || user.phone().isBlank()) {
                throw new MissingAddressException("user " + user.id() + " has no phone number");
            }
            String text = message.length() <= SMS_MAX ? message : message.substring(0, SMS_MAX - 3) + "...";
            return sms.send(user.phone(), text, key);
        }
        if (user.email() == null || user.email().isBlank()) {
            throw new MissingAddressException("user " + user.id() + " has no e-mail address");
        }
        return sender.send(TaskNames.SEND_EMAIL, List.of(),
                Map.of("to", user.email(), "subject", subject, "body", message, "idempotency_key", key),
                SendOptions.defaults()).id();
    }

    /** The user has no address for the channel (changed after the task was created). */
    static final class MissingAddressException extends AiException {
        MissingAddressException(String message) {
            super(message);
        }
    }
}
