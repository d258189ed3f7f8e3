package io.celeriac;

import java.time.Duration;

/** A batch being put together: its callbacks, its first tasks; {@link #submit()} sends it. Not thread-safe. */
public interface BatchBuilder {

    /** A text shown by {@code celeriac batch list/show}. */
    BatchBuilder description(String text);

    /** Sent once every task of the batch has succeeded (never, if one failed for good). */
    BatchBuilder onSuccess(Signature<?> callback);

    /** Sent once every task of the batch has ended, succeeded or not. */
    BatchBuilder onComplete(Signature<?> callback);

    /** How long the batch's status is kept after it completes (default one day, at most 30 days). */
    BatchBuilder keepAfterCompletion(Duration ttl);

    /** A task of the batch, sent by {@link #submit()}. */
    BatchBuilder add(Signature<?> task);

    /**
     * Opens the batch, sends its tasks, and lets it complete once they have ended (at once, with
     * no tasks: an empty batch sends its callbacks straight away).
     */
    Batch submit();
}
