package io.celeriac.ai.notify;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS channel when no provider is configured: records that a message would have gone out.
 * The text and the number stay out of the log (they are personal); the run's output holds the text.
 */
public final class LogSmsSender implements SmsSender {
    private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

    @Override
    public String send(String to, String body, String idempotencyKey) {
        log.atInfo().addKeyValue("idempotency_key", idempotencyKey).addKeyValue("chars", body.length())
                .log("sms not sent: no sms provider configured (log channel)");
        return "log:" + idempotencyKey;
    }

    @Override
    public Optional<String> findSent(String to, String body, Instant since, Predicate<String> known) {
        // the log channel's "send" cannot be lost in flight: there is nothing to find
        return Optional.empty();
    }

    @Override
    public String name() {
        return "log";
    }
}
