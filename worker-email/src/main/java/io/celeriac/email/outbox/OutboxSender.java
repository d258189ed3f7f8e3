package io.celeriac.email.outbox;

import io.celeriac.email.db.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one outbox message at most once per idempotency key.
 *
 * <ol>
 *   <li>record the request (a known key keeps its existing row);</li>
 *   <li>claim the row with a fresh token: only a due PENDING row, or a SENDING row whose claim
 *       is older than the sending timeout (its sender crashed), can be claimed;</li>
 *   <li>send through the transport;</li>
 *   <li>record the outcome, only if the claim is still ours: SENT; PENDING again with a backoff
 *       after a transient failure; FAILED after a permanent one or too many attempts.</li>
 * </ol>
 * A redelivered task finds the row SENT (nothing to do) or freshly claimed (another sender is at
 * it) and sends nothing. The one window left is a crash after the server accepted the message and
 * before step 4 commits: the message is then sent again once the claim goes stale, with the same
 * Message-ID, which lets mail clients collapse the copy.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final OutboxStore store;
    private final MailTransport transport;
    private final OutboxPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;

    public OutboxSender(OutboxStore store, MailTransport transport, OutboxPolicy policy, Clock clock, RandomGenerator random) {
        this.store = store;
        this.transport = transport;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    /** Records {@code request} and sends it, unless its key was seen before and is not due. */
    public SendOutcome submit(EmailRequest request) {
        long id = store.insertIfAbsent(request, clock.instant());
        return attempt(id);
    }

    /** Tries to claim and send outbox message {@code id}. */
    public SendOutcome attempt(long id) {
        Instant now = clock.instant();
        String token = token();
        Optional<OutboxMessage> claimed = store.claim(id, token, now, now.minus(policy.sendingTimeout()));
        if (claimed.isEmpty()) {
            OutboxMessage current = store.find(id).orElseThrow(() -> new IllegalStateException("outbox message " + id + " vanished"));
            return switch (current.status()) {
                case SENT -> new SendOutcome.AlreadySent(id);
                case FAILED -> new SendOutcome.Failed(id, current.lastError());
                case PENDING, SENDING -> new SendOutcome.NotDue(id, current.status());
            };
        }
        OutboxMessage message = claimed.get();
        try {
            transport.send(message.request());
        } catch (DeliveryException e) {
            return failed(message, token, e);
        } catch (RuntimeException e) {
            // a bug or an unexpected library error: treat as transient so the message is not lost
            return failed(message, token, DeliveryException.transientFailure(e.toString(), e));
        }
        if (!store.markSent(id, token, clock.instant())) {
            claimLost(message, "sent");
        }
        log.atInfo().addKeyValue("outbox_id", id).addKeyValue("attempt", message.attempts())
                .addKeyValue("transport", transport.kind()).log("email sent");
        return new SendOutcome.Sent(id);
    }

    private SendOutcome failed(OutboxMessage message, String token, DeliveryException e) {
        Instant now = clock.instant();
        long id = message.id();
        if (e.permanent() || message.attempts() >= policy.maxAttempts()) {
            String reply = e.permanent() ? e.reply() : "gave up after " + message.attempts() + " attempts: " + e.reply();
            if (!store.markFailed(id, token, reply, now)) {
                claimLost(message, "failed");
            }
            log.atWarn().addKeyValue("outbox_id", id).addKeyValue("attempt", message.attempts())
                    .addKeyValue("permanent", e.permanent()).addKeyValue("reply_code", replyCode(e.reply())).log("email failed");
            return new SendOutcome.Failed(id, reply);
        }
        Duration delay;
        synchronized (random) {
            delay = policy.backoff().delay(message.attempts(), random);
        }
        if (!store.markPending(id, token, now.plus(delay), e.reply(), now)) {
            claimLost(message, "pending");
        }
        log.atInfo().addKeyValue("outbox_id", id).addKeyValue("attempt", message.attempts())
                .addKeyValue("retry_in_ms", delay.toMillis()).addKeyValue("reply_code", replyCode(e.reply()))
                .log("email send failed transiently");
        return new SendOutcome.RetryLater(id, delay, e.reply());
    }

    private void claimLost(OutboxMessage message, String outcome) {
        log.atWarn().addKeyValue("outbox_id", message.id()).addKeyValue("outcome", outcome)
                .addKeyValue("sending_timeout_ms", policy.sendingTimeout().toMillis())
                .log("outbox claim was taken over before the send finished; raise email.sending_timeout above the SMTP timeouts");
    }

    /** The SMTP code alone: a server's reply may quote the recipient's address, which logs never show. */
    static String replyCode(String reply) {
        return reply != null && reply.length() >= 3 && reply.substring(0, 3).chars().allMatch(Character::isDigit)
                ? reply.substring(0, 3) : "none";
    }

    private String token() {
        synchronized (random) { // the application's random source is not thread-safe
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
    }
}
