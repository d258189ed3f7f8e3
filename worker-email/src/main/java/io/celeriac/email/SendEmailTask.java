package io.celeriac.email;

import io.celeriac.core.task.Reject;
import io.celeriac.core.task.TaskContext;
import io.celeriac.core.task.TaskHandler;
import io.celeriac.email.outbox.DeliveryException;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.OutboxSender;
import io.celeriac.email.outbox.SendOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code send_email(to, subject, body, html=None, idempotency_key)}: the one way modules send mail.
 * A transient failure retries the task with the outbox's backoff; a permanent one rejects it (no
 * retry) and leaves the server's reply on the outbox row. A send with no answer after the end of
 * DATA rejects it too (nothing is retried: the server may have the message) and leaves the row
 * {@code unknown} for an operator; a later request with the same key answers
 * {@code outcome_unknown} and sends nothing. Without an idempotency key the task id
 * is the key, which still protects against redelivery of the same message.
 */
final class SendEmailTask implements TaskHandler {
    private final OutboxSender sender;

    SendEmailTask(OutboxSender sender) {
        this.sender = sender;
    }

    @Override
    public Object run(TaskContext ctx) {
        String key = ctx.kwarg("idempotency_key", String.class, null);
        EmailRequest request = new EmailRequest(required(ctx, "to"), required(ctx, "subject"), required(ctx, "body"),
                ctx.kwarg("html", String.class, null), key == null || key.isBlank() ? "task:" + ctx.taskId() : key);
        SendOutcome outcome = sender.submit(request);
        return switch (outcome) {
            case SendOutcome.Sent s -> result("sent", s.outboxId());
            case SendOutcome.AlreadySent a -> result("already_sent", a.outboxId());
            // another sender holds it, or a retry is scheduled: either way it is not ours to send now
            case SendOutcome.NotDue n -> result("in_progress", n.outboxId());
            case SendOutcome.AwaitingDecision d -> result("outcome_unknown", d.outboxId());
            case SendOutcome.Unknown u -> throw new Reject("e-mail " + u.outboxId() + ": no answer after the end of DATA, the server"
                    + " may have it; not sent again until an operator decides (celeriac email outbox show " + u.outboxId() + ")");
            case SendOutcome.RetryLater r -> throw ctx.retry(r.delay(), DeliveryException.transientFailure(code(r.reply()), null));
            // the reply may quote the address, so it stays on the outbox row rather than in results and dead letters
            case SendOutcome.Failed f -> throw new Reject("e-mail " + f.outboxId() + " failed (" + code(f.reply())
                    + "); the server's reply is in email_outbox.last_error");
        };
    }

    private static String code(String reply) {
        return reply != null && reply.length() >= 3 && reply.substring(0, 3).chars().allMatch(Character::isDigit)
                ? "SMTP " + reply.substring(0, 3) : "no SMTP reply";
    }

    private static Map<String, Object> result(String status, long outboxId) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status);
        result.put("outbox_id", outboxId);
        return result;
    }

    private static String required(TaskContext ctx, String name) {
        String value = ctx.kwarg(name, String.class, null);
        if (value == null) {
            throw new IllegalArgumentException("send_email needs the keyword argument '" + name + "'");
        }
        return value;
    }
}
