package io.celeriac.email.outbox;

import io.celeriac.core.retry.Backoff;
import java.time.Duration;

/**
 * How the outbox retries.
 *
 * @param sendingTimeout a SENDING claim older than this is presumed dead and may be claimed again;
 *                       it must exceed the longest send (SMTP timeouts), or a slow send is repeated
 * @param maxAttempts    sends tried before a transiently failing message is FAILED
 * @param backoff        delay before attempt n + 1 after n transient failures
 */
public record OutboxPolicy(Duration sendingTimeout, int maxAttempts, Backoff backoff) {
    public OutboxPolicy {
        if (sendingTimeout.isNegative() || sendingTimeout.isZero()) {
            throw new IllegalArgumentException("email.sending_timeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("email.max_attempts must be at least 1");
        }
    }
}
