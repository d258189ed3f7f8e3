package io.celeriac.email.outbox;

import io.celeriac.email.db.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one outbox message at most once per idempotency key, and never twice blindly.
 *
 * <ol>
 *   <li>record the request (a known key keeps its existing row);</li>
 *   <li>claim the row with a fresh token: only a due PENDING row, or a SENDING row whose claim is
 *       older than the sending timeout and whose sender had not reached the end of DATA (it
 *       crashed before committing anything), can be claimed;</li>
 *   <li>send through the transport; just before the end of DATA, record that point under the
 *       claim ({@link OutboxStore#markDataEnd}); a sender whose claim was taken over meanwhile
 *       stops there, without committing the message;</li>
 *   <li>record the outcome, only if the claim is still ours: SENT; PENDING again with a backoff
 *       after a transient failure before the end of DATA or a 4xx answer to it; FAILED after a
 *       permanent one or too many attempts; UNKNOWN when no answer came after the end of DATA
 *       (the server may have the message).</li>
 * </ol>
 * A redelivered task finds the row SENT (nothing to do), freshly claimed (another sender is at
 * it), or UNKNOWN (an operator decides), and sends nothing. A sender that dies after the end of
 * DATA leaves a SENDING row with {@code data_end_at}: once stale it becomes UNKNOWN
 * ({@link #expireCommitted}), never claimed again.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final String SENDER_STOPPED = "the sender stopped after the end of DATA, before the server's answer was"
            + " recorded: the server may have accepted the message";

    private final OutboxStore store;
    private final MailTransport transport;
    private final OutboxPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final OutboxMetrics metrics;

    public OutboxSender(OutboxStore store, MailTransport transport, OutboxPolicy policy, Clock clock, RandomGenerator random) {
        this(store, transport, policy, clock, random, OutboxMetrics.global());
    }

    public OutboxSender(OutboxStore store, MailTransport transport, OutboxPolicy policy, Clock clock, RandomGenerator random,
                        OutboxMetrics metrics) {
        this.store = store;
        this.transport = transport;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
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
                case UNKNOWN -> new SendOutcome.AwaitingDecision(id);
                case PENDING, SENDING -> new SendOutcome.NotDue(id, current.status());
            };
        }
        OutboxMessage message = claimed.get();
        AtomicBoolean committing = new AtomicBoolean();
        try {
            transport.send(message.request(), () -> {
                if (!store.markDataEnd(id, token, clock.instant())) {
                    throw new ClaimLostException();
                }
                committing.set(true);
            });
        } catch (ClaimLostException e) {
            claimLost(message, "stopped before the end of DATA");
            return new SendOutcome.NotDue(id, OutboxStatus.SENDING);
        } catch (DeliveryException e) {
            return failed(message, token, e);
        } catch (SendOutcomeUnknownException e) {
            return unknown(message, token, e.detail());
        } catch (RuntimeException e) {
            if (committing.get()) {
                return unknown(message, token, "an unexpected error after the end of DATA (" + e.getClass().getSimpleName()
                        + "): the server may have accepted the message");
            }
            // a bug or an unexpected library error before anything was committed: transient, so the message is not lost
            return failed(message, token, DeliveryException.transientFailure(e.toString(), e));
        }
        if (!store.markSent(id, token, clock.instant())) {
            claimLost(message, "sent");
        }
        metrics.outcome("sent");
        log.atInfo().addKeyValue("outbox_id", id).addKeyValue("attempt", message.attempts())
                .addKeyValue("transport", transport.kind()).log("email sent");
        return new SendOutcome.Sent(id);
    }

    /**
     * SENDING claims older than the sending timeout whose sender reached the end of DATA and never
     * recorded an answer: UNKNOWN, left for an operator. Returns how many.
     */
    public int expireCommitted() {
        Instant now = clock.instant();
        List<Long> ids = store.expireCommitted(now.minus(policy.sendingTimeout()), SENDER_STOPPED, now);
        for (long id : ids) {
            metrics.outcome("unknown");
            log.atWarn().addKeyValue("outbox_id", id).log("email outcome unknown: its sender stopped after the end of DATA;"
                    + " not sent again until an operator decides");
        }
        return ids.size();
    }

    private SendOutcome unknown(OutboxMessage message, String token, String detail) {
        long id = message.id();
        if (!store.markUnknown(id, token, detail, clock.instant())) {
            claimLost(message, "unknown");
        }
        metrics.outcome("unknown");
        log.atWarn().addKeyValue("outbox_id", id).addKeyValue("attempt", message.attempts())
                .log("email outcome unknown: no answer after the end of DATA; not sent again until an operator decides");
        return new SendOutcome.Unknown(id, detail);
    }

    private SendOutcome failed(OutboxMessage message, String token, DeliveryException e) {
        Instant now = clock.instant();
        long id = message.id();
        if (e.permanent() || message.attempts() >= policy.maxAttempts()) {
            String reply = e.permanent() ? e.reply() : "gave up after " + message.attempts() + " attempts: " + e.reply();
            if (!store.markFailed(id, token, reply, now)) {
                claimLost(message, "failed");
            }
            metrics.outcome("failed");
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
        metrics.outcome("retry");
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

    /** The claim was taken over before the end of DATA: the sender stops without committing the message. */
    private static final class ClaimLostException extends RuntimeException {
        ClaimLostException() {
            super("outbox claim lost before the end of DATA", null, false, false);
        }
    }
}
