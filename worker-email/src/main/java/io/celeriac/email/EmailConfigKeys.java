package io.celeriac.email;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys worker-email (EmailSettings) reads, so the strict check at start-up accepts them (and catches typos in them). */
public final class EmailConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("email", "email.from", "email.outbox_dir", "email.smtp", "email.smtp.host",
                "email.smtp.port", "email.smtp.security", "email.smtp.user", "email.smtp.password",
                "email.smtp.password_file", "email.smtp.timeout", "email.sending_timeout",
                "email.max_attempts", "email.retry_backoff", "email.retry_backoff_max", "email.batch_size",
                "email.max_batches", "email.summary_time");
    }
}
