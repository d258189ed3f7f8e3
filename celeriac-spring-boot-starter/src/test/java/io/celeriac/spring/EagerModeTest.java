package io.celeriac.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.Celeriac;
import io.celeriac.CeleriacTask;
import io.celeriac.Options;
import io.celeriac.spring.test.CeleriacEagerMode;
import io.celeriac.testing.EagerCeleriac;
import io.celeriac.testing.SentTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Eager mode: a Spring test where the application's tasks run in-process, with no Redis. */
@SpringBootTest(classes = EagerModeTest.SignupApplication.class)
@CeleriacEagerMode
class EagerModeTest {

    /** Signs a user up: a task that sends two more through the injected client. */
    static class Signups {
        private final Celeriac celeriac;

        Signups(Celeriac celeriac) {
            this.celeriac = celeriac;
        }

        @CeleriacTask("users.signup")
        String signup(String email) {
            celeriac.send("mail.welcome", List.of(email), Map.of(), Options.defaults());
            celeriac.send("mail.remind", List.of(email), Map.of(), Options.defaults().countdown(Duration.ofDays(1)));
            return "signed up " + email;
        }

        @CeleriacTask("mail.remind")
        String remind(String email) {
            return "reminded " + email;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class SignupApplication {
        @Bean
        Signups signups(Celeriac celeriac) {
            return new Signups(celeriac);
        }
    }

    @Autowired
    EagerCeleriac celeriac;

    @Autowired
    Celeriac client;

    @Test
    void tasks_run_in_process_and_what_they_send_is_recorded() {
        assertTrue(client == celeriac, "the injectable client is the eager one");
        String done = celeriac.send("users.signup", List.of("ada@example.com"), Map.of(), Options.defaults()).get(Duration.ZERO).asText();
        assertEquals("signed up ada@example.com", done);
        assertEquals("mail", celeriac.sent().one("mail.welcome").queue(), "routed by celeriac.routes");
        SentTask remind = celeriac.sent().one("mail.remind");
        assertEquals(Duration.ofDays(1), remind.countdown());
        celeriac.advance(Duration.ofDays(1));
        assertEquals("reminded ada@example.com", celeriac.result(remind.id(), String.class).get(Duration.ZERO));
    }
}
