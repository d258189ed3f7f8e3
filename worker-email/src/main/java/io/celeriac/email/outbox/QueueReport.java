package io.celeriac.email.outbox;

/** What one run of {@code process_email_queue} did. */
public record QueueReport(int sent, int failed, int retried, int skipped) {
    public static final QueueReport EMPTY = new QueueReport(0, 0, 0, 0);

    QueueReport plus(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Sent s -> new QueueReport(sent + 1, failed, retried, skipped);
            case SendOutcome.Failed f -> new QueueReport(sent, failed + 1, retried, skipped);
            case SendOutcome.RetryLater r -> new QueueReport(sent, failed, retried + 1, skipped);
            case SendOutcome.AlreadySent a -> new QueueReport(sent, failed, retried, skipped + 1);
            case SendOutcome.NotDue n -> new QueueReport(sent, failed, retried, skipped + 1);
        };
    }

    public int total() {
        return sent + failed + retried + skipped;
    }
}
