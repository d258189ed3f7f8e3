package io.celeriac.email.summary;

import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskSender;
import io.celeriac.email.db.SummaryStore;
import io.celeriac.email.outbox.EmailRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code send_daily_email_summary}: beat runs it every 15 minutes; each user gets the day's summary
 * on the first run after {@code summaryTime} in the user's own zone.
 *
 * <ol>
 *   <li>list users with an address and mail enabled, with the last local date decided;</li>
 *   <li>skip those whose local time is before {@code summaryTime} or whose local date is decided;</li>
 *   <li>compose the summary; nothing to report records "empty" (no mail);</li>
 *   <li>otherwise record the decision and the outbox row in one transaction, then send
 *       {@code send_email} for prompt delivery (if that send fails, {@code process_email_queue}
 *       delivers the row within its period).</li>
 * </ol>
 */
public final class DailySummary {
    private static final Logger log = LoggerFactory.getLogger(DailySummary.class);

    private final SummaryStore store;
    private final SummaryComposer composer;
    private final TaskSender sender;
    private final String sendTask;
    private final LocalTime summaryTime;
    private final Clock clock;

    public DailySummary(SummaryStore store, SummaryComposer composer, TaskSender sender, String sendTask,
                        LocalTime summaryTime, Clock clock) {
        this.store = store;
        this.composer = composer;
        this.sender = sender;
        this.sendTask = sendTask;
        this.summaryTime = summaryTime;
        this.clock = clock;
    }

    public SummaryReport runOnce() {
        Instant now = clock.instant();
        int queued = 0;
        int empty = 0;
        int notDue = 0;
        for (Recipient recipient : store.recipients()) {
            ZonedDateTime local = now.atZone(zone(recipient));
            LocalDate day = local.toLocalDate();
            if (local.toLocalTime().isBefore(summaryTime) || (recipient.lastDecided() != null && !recipient.lastDecided().isBefore(day))) {
                notDue++;
                continue;
            }
            Optional<SummaryComposer.Summary> summary = composer.compose(recipient, day, local.getZone());
            if (summary.isEmpty()) {
                empty += store.recordEmpty(recipient.userId(), day, now) ? 1 : 0;
                continue;
            }
            EmailRequest mail = new EmailRequest(recipient.email(), summary.get().subject(), summary.get().body(), null,
                    "daily-summary:" + recipient.userId() + ":" + day);
            Optional<Long> outboxId = store.recordQueued(recipient.userId(), day, mail, now);
            if (outboxId.isPresent()) {
                queued++;
                dispatch(mail, outboxId.get());
            }
        }
        log.atInfo().addKeyValue("queued", queued).addKeyValue("empty", empty).addKeyValue("not_due", notDue)
                .log("daily summaries decided");
        return new SummaryReport(queued, empty, notDue);
    }

    private void dispatch(EmailRequest mail, long outboxId) {
        try {
            sender.send(sendTask, java.util.List.of(), Map.of("to", mail.to(), "subject", mail.subject(), "body", mail.body(),
                    "idempotency_key", mail.idempotencyKey()), SendOptions.defaults());
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("outbox_id", outboxId).addKeyValue("error", e.toString())
                    .log("could not send send_email; process_email_queue will deliver the summary");
        }
    }

    private static ZoneId zone(Recipient recipient) {
        try {
            return ZoneId.of(recipient.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            log.atWarn().addKeyValue("user_id", recipient.userId()).log("user's time zone is invalid; using UTC");
            return ZoneOffset.UTC;
        }
    }
}
