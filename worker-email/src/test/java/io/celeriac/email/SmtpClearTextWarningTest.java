package io.celeriac.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskRegistry;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A worker starting with {@code security: none} and a user says, once, that the login would cross the network in clear. */
class SmtpClearTextWarningTest {

    private static List<String> warningsAtStart(String yaml) {
        JsonNode config = AppConfigLoader.fromYaml(yaml).section("email");
        ModuleContext context = new ModuleContext() {
            public JsonNode config(String section) {
                return config;
            }

            public TaskSender sender() {
                throw new UnsupportedOperationException();
            }

            public Clock clock() {
                return Clock.systemUTC();
            }

            public RandomGenerator random() {
                return new SplittableRandom(1);
            }
        };
        try (LogCapture logs = LogCapture.of(EmailTasks.class)) {
            new EmailTasks().register(new TaskRegistry(), context);
            return logs.lines().stream().filter(l -> l.startsWith("WARN")).toList();
        }
    }

    @Test
    void a_user_without_tls_is_warned_about() {
        List<String> warnings = warningsAtStart("email:\n  smtp:\n    host: mail.example.org\n    security: none\n    user: ada\n"
                + "    password: s3cret\n");

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("WARN smtp login will be sent in clear text: email.smtp.security is none and a user is set"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("host=mail.example.org") && warnings.get(0).contains("port=25"), warnings.get(0));
        assertTrue(!warnings.get(0).contains("s3cret") && !warnings.get(0).contains("ada"), "neither password nor user is logged");
    }

    @Test
    void tls_or_no_login_gives_no_warning() {
        assertEquals(List.of(), warningsAtStart("email:\n  smtp:\n    host: mail.example.org\n    security: starttls\n    user: ada\n"));
        assertEquals(List.of(), warningsAtStart("email:\n  smtp:\n    host: relay.internal\n    security: none\n"));
    }
}
