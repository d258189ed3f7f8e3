package io.celeriac.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.message.ResultMeta;
import io.celeriac.core.message.TaskState;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.outbox.OutboxMessage;
import io.celeriac.email.outbox.OutboxStatus;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** send_email end to end: a real worker, Redis, PostgreSQL and an in-process SMTP server (GreenMail). */
class SendEmailIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String yaml(int smtpPort) {
        return """
                email:
                  from: "Assistant <assistant@example.org>"
                  smtp: {host: 127.0.0.1, port: %d, security: none, timeout: 5s}
                  sending_timeout: 1m
                  retry_backoff: 200ms
                  retry_backoff_max: 1s
                """.formatted(smtpPort);
    }

    private static Map<String, Object> mail(String key) {
        return Map.of("to", "ada@example.org", "subject", "Hello", "body", "Plain text body",
                "html", "<p>HTML body</p>", "idempotency_key", key);
    }

    private static JsonNode send(Application app, Map<String, Object> kwargs) {
        return app.client().send(EmailTasks.SEND_EMAIL, List.of(), kwargs, SendOptions.defaults().queue("email_tasks")).get(WAIT);
    }

    private static Worker startWorker(Application app) {
        TaskRegistry registry = new TaskRegistry();
        new EmailTasks().register(registry, app);
        Worker worker = TestApp.worker(app, registry, TestApp.settings("email-it", List.of("email_tasks"), 2));
        worker.start();
        return worker;
    }

    @Test
    void send_email_delivers_over_smtp_and_records_the_message_as_sent() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)}));
        smtp.start();
        try (Application app = TestDatabase.app(Clock.systemUTC(), yaml(smtp.getSmtp().getPort()));
             Worker ignored = startWorker(app)) {
            JsonNode result = send(app, mail("welcome-1"));

            assertEquals("sent", result.path("status").asText());
            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(1, received.length);
            assertEquals("Hello", received[0].getSubject());
            assertEquals("ada@example.org", received[0].getAllRecipients()[0].toString());
            assertTrue(received[0].getHeader("Message-ID")[0].endsWith("@celeriac>"));
            OutboxMessage row = new OutboxStore(Database.of(app).jdbi()).findByKey("welcome-1").orElseThrow();
            assertEquals(OutboxStatus.SENT, row.status());
            assertEquals(1, row.attempts());
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_redelivered_message_with_the_same_idempotency_key_is_not_sent_again() {
        GreenMail smtp = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)}));
        smtp.start();
        try (Application app = TestDatabase.app(Clock.systemUTC(), yaml(smtp.getSmtp().getPort()));
             Worker ignored = startWorker(app)) {
            assertEquals("sent", send(app, mail("report-7")).path("status").asText());

            // the same message again, as a broker redelivers it after a worker died before acking
            JsonNode again = send(app, mail("report-7"));

            assertEquals("already_sent", again.path("status").asText());
            assertEquals(1, smtp.getReceivedMessages().length);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_connection_failure_is_retried_with_backoff_until_the_server_answers() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (Application app = TestDatabase.app(Clock.systemUTC(), yaml(port));
             Worker ignored = startWorker(app)) {
            OutboxStore store = new OutboxStore(Database.of(app).jdbi());
            var pending = app.client().send(EmailTasks.SEND_EMAIL, List.of(), mail("retry-1"), SendOptions.defaults().queue("email_tasks"));
            OutboxMessage failedOnce = Eventually.value("a first, failed attempt", WAIT, () -> store.findByKey("retry-1")
                    .filter(m -> m.status() == OutboxStatus.PENDING && m.attempts() >= 1).orElse(null));
            assertTrue(failedOnce.lastError().startsWith("connection error"), failedOnce.lastError());

            smtp.start();

            assertEquals("sent", pending.get(WAIT).path("status").asText());
            assertEquals(1, smtp.getReceivedMessages().length);
            assertTrue(store.findByKey("retry-1").orElseThrow().attempts() >= 2);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_send_without_an_answer_after_data_fails_once_and_neither_a_redelivery_nor_the_queue_sends_it_again() {
        UnansweringSmtp smtp = new UnansweringSmtp(UnansweringSmtp.AfterData.DROP);
        smtp.start();
        try (Application app = TestDatabase.app(Clock.systemUTC(), yaml(smtp.port()));
             Worker ignored = startWorker(app)) {
            ResultMeta first = app.client().send(EmailTasks.SEND_EMAIL, List.of(), mail("unknown-1"),
                    SendOptions.defaults().queue("email_tasks")).await(WAIT);

            assertEquals(TaskState.FAILURE, first.status());
            assertTrue(first.exception().message().contains("no answer after the end of DATA"), first.exception().message());
            Eventually.await("the server kept the message", WAIT, () -> smtp.received() == 1);
            OutboxStore store = new OutboxStore(Database.of(app).jdbi());
            assertEquals(OutboxStatus.UNKNOWN, store.findByKey("unknown-1").orElseThrow().status());

            smtp.mode(UnansweringSmtp.AfterData.ANSWER);
            assertEquals("outcome_unknown", send(app, mail("unknown-1")).path("status").asText(), "a redelivery sends nothing");
            JsonNode sweep = app.client().send(EmailTasks.PROCESS_QUEUE, List.of(), Map.of(),
                    SendOptions.defaults().queue("email_tasks")).get(WAIT);
            assertEquals(0, sweep.path("sent").asInt());

            assertEquals(1, smtp.received(), "one copy, whatever came after");
            assertEquals(OutboxStatus.UNKNOWN, store.findByKey("unknown-1").orElseThrow().status());
        } finally {
            smtp.stop();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
