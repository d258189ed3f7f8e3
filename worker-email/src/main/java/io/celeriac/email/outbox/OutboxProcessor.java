package io.celeriac.email.outbox;

import io.celeriac.email.db.OutboxStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code process_email_queue}: the sweep that makes the outbox reliable whatever happened to the
 * {@code send_email} messages (lost, retried out, or their worker killed mid-send).
 *
 * <ol>
 *   <li>stale SENDING claims whose sender had reached the end of DATA become UNKNOWN (the server
 *       may have the message; an operator decides), never sent again from here;</li>
 *   <li>select up to {@code batchSize} open messages, oldest first: PENDING and due, or SENDING
 *       with a claim older than the sending timeout that had not reached the end of DATA;</li>
 *   <li>attempt each through the {@link OutboxSender} (its claim keeps a concurrent
 *       {@code send_email} from sending the same message);</li>
 *   <li>repeat while batches come back full, at most {@code maxBatches} times.</li>
 * </ol>
 * A message retried in this run is not due again in the same run, so the run always ends.
 */
public final class OutboxProcessor {
    private static final Logger log = LoggerFactory.getLogger(OutboxProcessor.class);

    private final OutboxStore store;
    private final OutboxSender sender;
    private final OutboxPolicy policy;
    private final Clock clock;
    private final int batchSize;
    private final int maxBatches;

    public OutboxProcessor(OutboxStore store, OutboxSender sender, OutboxPolicy policy, Clock clock, int batchSize, int maxBatches) {
        this.store = store;
        this.sender = sender;
        this.policy = policy;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    public QueueReport runOnce() {
        QueueReport report = QueueReport.EMPTY.plusUnknown(sender.expireCommitted());
        for (int batch = 0; batch < maxBatches; batch++) {
            Instant now = clock.instant();
            List<Long> due = store.due(now, now.minus(policy.sendingTimeout()), batchSize);
            for (long id : due) {
                report = report.plus(sender.attempt(id));
            }
            if (due.size() < batchSize) {
                break;
            }
        }
        if (report.total() > 0) {
            log.atInfo().addKeyValue("sent", report.sent()).addKeyValue("failed", report.failed())
                    .addKeyValue("retried", report.retried()).addKeyValue("skipped", report.skipped())
                    .addKeyValue("unknown", report.unknown()).log("email queue processed");
        }
        return report;
    }
}
