package io.celeriac.email.outbox;

/**
 * What one run of {@code process_email_queue} did. {@code unknown} counts messages whose outcome
 * became unknown in this run: sent without an answer, or found claimed past the end of DATA by a
 * sender that stopped.
 */
public record QueueReport(int sent, int failed, int retried, int skipped, int unknown) {
    public static final QueueReport EMPTY = new QueueReport(0, 0, 0, 0, 0);

    QueueReport plus(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Sent s -> new QueueReport(sent + 1, failed, retried, skipped, unknown);
            case SendOutcome.Failed f -> new QueueReport(sent, failed + 1, retried, skipped, unknown);
            case SendOutcome.RetryLater r -> new QueueReport(sent, failed, retried + 1, skipped, unknown);
            case SendOutcome.Unknown u -> new QueueReport(sent, failed, retried, skipped, unknown + 1);
            case SendOutcome.AlreadySent a -> new QueueReport(sent, failed, retried, skipped + 1, unknown);
            case SendOutcome.NotDue n -> new QueueReport(sent, failed, retried, skipped + 1, unknown);
            case SendOutcome.AwaitingDecision d -> new QueueReport(sent, failed, retried, skipped + 1, unknown);
        };
    }

    QueueReport plusUnknown(int more) {
        return new QueueReport(sent, failed, retried, skipped, unknown + more);
    }

    public int total() {
        return sent + failed + retried + skipped + unknown;
    }
}
