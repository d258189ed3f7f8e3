package io.celeriac.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.config.Durations;
import io.celeriac.core.retry.Backoff;
import io.celeriac.email.outbox.OutboxPolicy;
import io.celeriac.email.smtp.SmtpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code email:} section of {@code celeriac.yaml}, validated once.
 *
 * @param smtp        null when no host is configured: messages go to {@code outboxDir} as .eml files
 * @param batchSize   messages per batch of {@code process_email_queue}
 * @param maxBatches  batches per run, so one run ends even while senders keep adding mail
 * @param summaryTime the local time from which a user's daily summary goes out
 */
public record EmailSettings(String from, SmtpSettings smtp, Path outboxDir, OutboxPolicy policy, int batchSize,
                            int maxBatches, LocalTime summaryTime) {

    /** The variable read for the SMTP password when the section names none. */
    public static final String PASSWORD_ENV = "CELERIAC_SMTP_PASSWORD";
    /** Where .eml files go when no {@code outbox_dir} is set; relative to the working directory. */
    public static final String DEFAULT_OUTBOX_DIR = "data/outbox";

    public static EmailSettings from(JsonNode section, Map<String, String> env) {
        try {
            Duration timeout = duration(section.path("smtp"), "timeout", "30s");
            OutboxPolicy policy = new OutboxPolicy(duration(section, "sending_timeout", "10m"),
                    section.path("max_attempts").asInt(8),
                    Backoff.exponential(duration(section, "retry_backoff", "1m"), duration(section, "retry_backoff_max", "1h"), true));
            SmtpSettings smtp = smtp(section.path("smtp"), timeout, env);
            if (smtp != null && policy.sendingTimeout().compareTo(timeout.multipliedBy(3)) <= 0) {
                throw new IllegalArgumentException("email.sending_timeout (" + Durations.format(policy.sendingTimeout())
                        + ") must exceed three SMTP timeouts (" + Durations.format(timeout.multipliedBy(3))
                        + "), or a slow send could be taken over and sent twice");
            }
            int batchSize = section.path("batch_size").asInt(50);
            int maxBatches = section.path("max_batches").asInt(20);
            if (batchSize < 1 || maxBatches < 1) {
                throw new IllegalArgumentException("email.batch_size and email.max_batches must be at least 1");
            }
            return new EmailSettings(section.path("from").asText("Personal Assistant <assistant@localhost>"), smtp,
                    Path.of(section.path("outbox_dir").asText(DEFAULT_OUTBOX_DIR)), policy, batchSize, maxBatches,
                    LocalTime.parse(section.path("summary_time").asText("08:00")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigException("email: " + e.getMessage());
        }
    }

    private static SmtpSettings smtp(JsonNode smtp, Duration timeout, Map<String, String> env) {
        // containers configure SMTP through the environment; the environment wins over the file
        String host = envOr(env, "CELERIAC_SMTP_HOST", smtp.path("host").asText(""));
        if (host.isBlank()) {
            return null;
        }
        SmtpSettings.Security security = SmtpSettings.Security.valueOf(
                envOr(env, "CELERIAC_SMTP_SECURITY", smtp.path("security").asText("starttls")).toUpperCase(Locale.ROOT));
        int defaultPort = switch (security) {
            case TLS -> 465;
            case STARTTLS -> 587;
            case NONE -> 25;
        };
        String user = envOr(env, "CELERIAC_SMTP_USER", smtp.path("user").asText(""));
        String port = envOr(env, "CELERIAC_SMTP_PORT", smtp.path("port").asText(""));
        return new SmtpSettings(host, port.isBlank() ? defaultPort : Integer.parseInt(port.strip()), security,
                user.isBlank() ? null : user, password(smtp, env), timeout);
    }

    private static String envOr(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Secrets come from a file or the environment; a literal in the YAML works too, for local setups. */
    private static String password(JsonNode smtp, Map<String, String> env) {
        String file = smtp.path("password_file").asText("");
        if (!file.isBlank()) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read smtp.password_file " + file + ": " + e.getMessage());
            }
        }
        String literal = smtp.path("password").asText("");
        if (!literal.isBlank()) {
            return literal;
        }
        String fromEnv = env.get(PASSWORD_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }

    private static Duration duration(JsonNode node, String field, String fallback) {
        return Durations.parse(node.path(field).asText(fallback));
    }
}
