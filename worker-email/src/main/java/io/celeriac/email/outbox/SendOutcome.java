package io.celeriac.email.outbox;

import java.time.Duration;

/** What became of one attempt to send an outbox message. */
public sealed interface SendOutcome {

    long outboxId();

    /** Accepted by the server (or written as a file) now. */
    record Sent(long outboxId) implements SendOutcome {
    }

    /** Sent before under the same idempotency key; nothing was sent now. */
    record AlreadySent(long outboxId) implements SendOutcome {
    }

    /** Another sender holds a fresh claim, or the next attempt is not due; nothing was sent now. */
    record NotDue(long outboxId, OutboxStatus status) implements SendOutcome {
    }

    /** A transient failure; the message is pending again and due after {@code delay}. */
    record RetryLater(long outboxId, Duration delay, String reply) implements SendOutcome {
    }

    /** A permanent failure (or too many transient ones); the message is FAILED with {@code reply}. */
    record Failed(long outboxId, String reply) implements SendOutcome {
    }

    /** This attempt committed the message and got no answer: UNKNOWN with {@code detail}, left for an operator. */
    record Unknown(long outboxId, String detail) implements SendOutcome {
    }

    /** An earlier attempt's outcome is unknown and no operator has decided yet; nothing was sent now. */
    record AwaitingDecision(long outboxId) implements SendOutcome {
    }
}
