package io.celeriac.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.celeriac.core.config.ConfigException;
import io.celeriac.email.smtp.SmtpSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {
    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void without_an_smtp_host_messages_go_to_eml_files_with_the_documented_defaults() {
        EmailSettings settings = EmailSettings.from(MissingNode.getInstance(), Map.of());

        assertNull(settings.smtp());
        assertEquals(Duration.ofMinutes(10), settings.policy().sendingTimeout());
        assertEquals(8, settings.policy().maxAttempts());
        assertEquals(LocalTime.of(8, 0), settings.summaryTime());
        assertTrue(settings.outboxDir().endsWith("data/outbox"));
    }

    @Test
    void the_smtp_password_comes_from_the_environment_and_never_shows_in_text() throws Exception {
        EmailSettings settings = EmailSettings.from(json("{\"smtp\": {\"host\": \"mail.example.org\", \"security\": \"tls\", \"user\": \"me\"}}"),
                Map.of(EmailSettings.PASSWORD_ENV, "s3cret"));

        assertEquals(465, settings.smtp().port());
        assertEquals(SmtpSettings.Security.TLS, settings.smtp().security());
        assertEquals("s3cret", settings.smtp().password());
        assertTrue(!settings.toString().contains("s3cret"));
    }

    @Test
    void a_sending_timeout_shorter_than_the_smtp_timeouts_is_a_config_error() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> EmailSettings.from(
                json("{\"smtp\": {\"host\": \"h\", \"timeout\": \"1m\"}, \"sending_timeout\": \"2m\"}"), Map.of()));

        assertTrue(e.getMessage().contains("sent twice"), e.getMessage());
    }
}
