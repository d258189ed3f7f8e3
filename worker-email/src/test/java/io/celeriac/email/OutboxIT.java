package io.celeriac.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.celeriac.core.app.Application;
import io.celeriac.core.retry.Backoff;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.MailTransport;
import io.celeriac.email.outbox.OutboxMessage;
import io.celeriac.email.outbox.OutboxPolicy;
import io.celeriac.email.outbox.OutboxProcessor;
import io.celeriac.email.outbox.OutboxSender;
import io.celeriac.email.outbox.OutboxStatus;
import io.celeriac.email.outbox.QueueReport;
import io.celeriac.email.outbox.SendOutcome;
import io.celeriac.email.smtp.EmlDirectoryTransport;
import io.celeriac.email.smtp.SmtpSettings;
import io.celeriac.email.smtp.SmtpTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox's state machine against PostgreSQL and real SMTP servers, with a manual clock. */
class OutboxIT {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final OutboxPolicy POLICY = new OutboxPolicy(Duration.ofMinutes(10), 3,
            Backoff.exponential(Duration.ofMinutes(1), Duration.ofHours(1), false));

    private final ManualClock clock = new ManualClock(T0);
    private Application app;
    private OutboxStore store;

    @BeforeEach
    void setUp() {
        app = TestDatabase.app(clock, null);
        store = new OutboxStore(Database.of(app).jdbi());
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private OutboxSender sender(MailTransport transport) {
        return new OutboxSender(store, transport, POLICY, clock, new SplittableRandom(7));
    }

    private SmtpTransport smtp(int port) {
        return new SmtpTransport(new SmtpSettings("127.0.0.1", port, SmtpSettings.Security.NONE, null, null,
                Duration.ofSeconds(5)), "assistant@example.org", clock);
    }

    private static EmailRequest request(String key) {
        return new EmailRequest("bob@example.org", "Subject " + key, "Body", null, key);
    }

    @Test
    void a_5xx_reply_fails_the_message_at_once_with_the_servers_reply_stored() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 mailbox unavailable")) {
            SendOutcome outcome = sender(smtp(server.port())).submit(request("bounce-1"));

            assertInstanceOf(SendOutcome.Failed.class, outcome);
            OutboxMessage row = store.findByKey("bounce-1").orElseThrow();
            assertEquals(OutboxStatus.FAILED, row.status());
            assertTrue(row.lastError().startsWith("550 5.1.1 mailbox unavailable"), row.lastError());
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void a_4xx_reply_puts_the_message_back_to_pending_with_backoff_then_it_goes_through() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.3.0 try again later")) {
            OutboxSender sender = sender(smtp(server.port()));
            SendOutcome first = sender.submit(request("grey-1"));

            SendOutcome.RetryLater retry = assertInstanceOf(SendOutcome.RetryLater.class, first);
            assertEquals(Duration.ofMinutes(1), retry.delay());
            OutboxMessage row = store.findByKey("grey-1").orElseThrow();
            assertEquals(OutboxStatus.PENDING, row.status());
            assertEquals(T0.plus(Duration.ofMinutes(1)), row.nextAttemptAt());
            assertTrue(row.lastError().startsWith("451"), row.lastError());
            assertInstanceOf(SendOutcome.NotDue.class, sender.attempt(row.id()), "not due before the backoff ends");

            server.rcptReply("250 2.1.5 ok");
            clock.advance(Duration.ofMinutes(1));

            assertInstanceOf(SendOutcome.Sent.class, sender.attempt(row.id()));
            assertEquals(1, server.accepted());
            assertEquals(OutboxStatus.SENT, store.find(row.id()).orElseThrow().status());
        }
    }

    @Test
    void transient_failures_past_max_attempts_fail_the_message() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("421 4.7.0 too busy")) {
            OutboxSender sender = sender(smtp(server.port()));
            long id = sender.submit(request("busy-1")).outboxId();
            clock.advance(Duration.ofMinutes(1));
            assertInstanceOf(SendOutcome.RetryLater.class, sender.attempt(id));
            clock.advance(Duration.ofMinutes(2));

            SendOutcome last = sender.attempt(id);

            assertInstanceOf(SendOutcome.Failed.class, last);
            assertTrue(store.find(id).orElseThrow().lastError().startsWith("gave up after 3 attempts: 421"));
        }
    }

    @Test
    void an_invalid_address_fails_without_contacting_the_server() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 ok")) {
            SendOutcome outcome = sender(smtp(server.port()))
                    .submit(new EmailRequest("not an address", "s", "b", null, "invalid-1"));

            assertInstanceOf(SendOutcome.Failed.class, outcome);
            assertTrue(store.findByKey("invalid-1").orElseThrow().lastError().startsWith("invalid address"));
            assertEquals(0, server.accepted());
        }
    }

    @Test
    void a_send_cut_short_by_a_crash_is_not_repeated_while_claimed_and_is_sent_once_after_the_timeout() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            OutboxSender sender = sender(smtp(greenMail.getSmtp().getPort()));
            // a worker recorded and claimed the message, then died before the server answered
            long id = store.insertIfAbsent(request("crash-1"), T0);
            assertTrue(store.claim(id, "dead-worker", T0, T0.minus(POLICY.sendingTimeout())).isPresent());
            clock.advance(Duration.ofMinutes(1));

            SendOutcome redelivered = sender.submit(request("crash-1"));

            assertInstanceOf(SendOutcome.NotDue.class, redelivered, "a fresh claim may still be sending");
            assertEquals(0, greenMail.getReceivedMessages().length);

            clock.advance(Duration.ofMinutes(10));
            QueueReport report = new OutboxProcessor(store, sender, POLICY, clock, 10, 5).runOnce();

            assertEquals(new QueueReport(1, 0, 0, 0, 0), report);
            assertEquals(1, greenMail.getReceivedMessages().length);
            assertFalse(store.markSent(id, "dead-worker", clock.instant()), "the dead worker's claim is void");
            assertInstanceOf(SendOutcome.AlreadySent.class, sender.submit(request("crash-1")));
            assertEquals(1, greenMail.getReceivedMessages().length);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void process_email_queue_sends_due_messages_oldest_first_in_batches_and_counts_outcomes() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 ok")) {
            OutboxSender sender = sender(smtp(server.port()));
            for (int i = 0; i < 5; i++) {
                store.insertIfAbsent(request("batch-" + i), T0.plusSeconds(i));
            }
            store.insertIfAbsent(new EmailRequest("broken address", "s", "b", null, "batch-bad"), T0.plusSeconds(9));
            clock.advance(Duration.ofMinutes(1));

            QueueReport report = new OutboxProcessor(store, sender, POLICY, clock, 2, 10).runOnce();

            assertEquals(new QueueReport(5, 1, 0, 0, 0), report);
            assertEquals(5, server.accepted());
            List<Instant> sentAt = Stream.of(0, 1, 2, 3, 4).map(i -> store.findByKey("batch-" + i).orElseThrow().sentAt()).toList();
            assertTrue(sentAt.stream().allMatch(t -> t != null));
            assertEquals(QueueReport.EMPTY, new OutboxProcessor(store, sender, POLICY, clock, 2, 10).runOnce());
        }
    }

    @Test
    void without_smtp_messages_are_written_as_eml_files_only_the_service_can_read(@TempDir Path base) throws Exception {
        Path dir = base.resolve("outbox");
        OutboxSender sender = sender(new EmlDirectoryTransport(dir, "assistant@example.org", clock));

        assertInstanceOf(SendOutcome.Sent.class, sender.submit(new EmailRequest("bob@example.org", "Hi", "text", "<b>html</b>", "eml-1")));

        try (Stream<Path> files = Files.list(dir)) {
            List<Path> eml = files.toList();
            assertEquals(1, eml.size());
            assertTrue(eml.get(0).getFileName().toString().startsWith("20261123T090000Z-"));
            String content = Files.readString(eml.get(0));
            assertTrue(content.contains("Subject: Hi"));
            assertTrue(content.contains("multipart/alternative"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(eml.get(0))));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), "created so");
    }

    @Test
    void an_existing_outbox_directory_open_to_others_is_tightened_with_a_warning(@TempDir Path base) throws Exception {
        Path dir = Files.createDirectory(base.resolve("outbox"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        OutboxSender sender = sender(new EmlDirectoryTransport(dir, "assistant@example.org", clock));

        try (LogCapture logs = LogCapture.of(EmlDirectoryTransport.class)) {
            sender.submit(new EmailRequest("bob@example.org", "Hi", "text", null, "eml-2"));
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARN e-mail outbox directory was open to other users; tightened")
                    && l.contains("was=rwxrwxr-x")), logs.lines().toString());
        }

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.allMatch(f -> {
                try {
                    return PosixFilePermissions.toString(Files.getPosixFilePermissions(f)).equals("rw-------");
                } catch (java.io.IOException e) {
                    return false;
                }
            }));
        }
    }
}
