package io.celeriac.email.outbox;

import io.celeriac.email.db.OutboxStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator decides about a message the outbox will not send again on its own. An
 * {@code unknown} message may have reached the server: check its log for the message's Message-ID
 * (or ask the recipient), then {@link #markSent} it, or {@link #resend} it (the recipient may then
 * get two copies; both carry the same Message-ID). A {@code failed} message can be resent after
 * fixing what failed it (a password, an address). Each decision is one conditional update: two
 * operators deciding at once cannot both win, and the row keeps what was known before as history.
 */
public final class OutboxDecisions {
    private static final Logger log = LoggerFactory.getLogger(OutboxDecisions.class);

    private final OutboxStore store;
    private final Clock clock;

    public OutboxDecisions(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** UNKNOWN or FAILED to PENDING, due now, attempts from zero; returns the message as it was before. */
    public OutboxMessage resend(long id) {
        OutboxMessage before = find(id);
        require(before, Set.of(OutboxStatus.UNKNOWN, OutboxStatus.FAILED), "resend applies to unknown or failed e-mails");
        Instant now = clock.instant();
        String note = "resent by an operator at " + now + " (was " + before.status().dbValue() + " after "
                + before.attempts() + " attempt" + (before.attempts() == 1 ? "" : "s") + "); before: ";
        if (!store.resend(id, note, now)) {
            throw changed(id, "resend applies to unknown or failed e-mails");
        }
        log.atInfo().addKeyValue("outbox_id", id).addKeyValue("was", before.status().dbValue()).log("email resend decided by an operator");
        return before;
    }

    /** UNKNOWN to SENT (as of the end of DATA); returns the message as it was before. */
    public OutboxMessage markSent(long id) {
        OutboxMessage before = find(id);
        require(before, Set.of(OutboxStatus.UNKNOWN), "mark-sent applies to unknown e-mails");
        Instant now = clock.instant();
        if (!store.markSentByOperator(id, "marked sent by an operator at " + now + "; before: ", now)) {
            throw changed(id, "mark-sent applies to unknown e-mails");
        }
        log.atInfo().addKeyValue("outbox_id", id).log("email marked sent by an operator");
        return before;
    }

    private OutboxMessage find(long id) {
        return store.find(id).orElseThrow(() -> new OutboxDecisionException("no e-mail " + id + " in the outbox"));
    }

    private static void require(OutboxMessage message, Set<OutboxStatus> allowed, String rule) {
        if (!allowed.contains(message.status())) {
            throw new OutboxDecisionException("e-mail " + message.id() + " is " + message.status().dbValue() + "; " + rule);
        }
    }

    private OutboxDecisionException changed(long id, String rule) {
        String now = store.find(id).map(m -> m.status().dbValue()).orElse("gone");
        return new OutboxDecisionException("e-mail " + id + " changed meanwhile and is " + now + "; " + rule);
    }
}
