package io.celeriac.email;

import io.celeriac.core.app.Application;
import io.celeriac.core.retry.Backoff;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.email.UnansweringSmtp.AfterData;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.MailTransport;
import io.celeriac.email.outbox.OutboxDecisionException;
import io.celeriac.email.outbox.OutboxDecisions;
import io.celeriac.email.outbox.OutboxMessage;
import io.celeriac.email.outbox.OutboxMetrics;
import io.celeriac.email.outbox.OutboxPolicy;
import io.celeriac.email.outbox.OutboxProcessor;
import io.celeriac.email.outbox.OutboxSender;
import io.celeriac.email.outbox.OutboxStatus;
import io.celeriac.email.outbox.QueueReport;
import io.celeriac.email.outbox.SendOutcome;
import io.celeriac.email.smtp.SmtpSettings;
import io.celeriac.email.smtp.SmtpTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 29 for e-mail: a send whose outcome is unknown (no answer after the end of DATA) is never
 * resent blindly. Against GreenMail that drops the connection after DATA or never answers the
 * final dot within the client's timeout, PostgreSQL and a manual clock: the row is {@code unknown}
 * with what is known, counted, left alone by redeliveries and by {@code process_email_queue}, and
 * settled only by an operator; failures before the end of DATA still retry. Every test counts what
 * the server received: nothing twice.
 */
class UnknownOutcomeIT {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final OutboxPolicy POLICY = new OutboxPolicy(Duration.ofMinutes(10), 3,
            Backoff.exponential(Duration.ofMinutes(1), Duration.ofHours(1), false));

    private final ManualClock clock = new ManualClock(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Application app;
    private OutboxStore store;
    private UnansweringSmtp server;

    @BeforeEach
    void setUp() {
        app = TestDatabase.app(clock, null);
        store = new OutboxStore(Database.of(app).jdbi());
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.release();
            server.stop();
        }
        app.close();
    }

    private UnansweringSmtp server(AfterData mode) {
        server = new UnansweringSmtp(mode);
        server.start();
        return server;
    }

    private SmtpTransport smtp(int port) {
        return new SmtpTransport(new SmtpSettings("127.0.0.1", port, SmtpSettings.Security.NONE, null, null, SMTP_TIMEOUT),
                "assistant@example.org", clock);
    }

    private OutboxSender sender(MailTransport transport) {
        return new OutboxSender(store, transport, POLICY, clock, new SplittableRandom(7), new OutboxMetrics(registry));
    }

    private OutboxProcessor processor(OutboxSender sender) {
        return new OutboxProcessor(store, sender, POLICY, clock, 10, 5);
    }

    private double counted(String outcome) {
        var counter = registry.find("celeriac.email.sends").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static EmailRequest request(String key) {
        return new EmailRequest("bob@example.org", "Subject " + key, "Body", null, key);
    }

    @Test
    void a_connection_dropped_after_the_end_of_data_leaves_the_message_unknown_and_it_is_never_sent_again() {
        UnansweringSmtp smtp = server(AfterData.DROP);
        OutboxSender sender = sender(smtp(smtp.port()));

        SendOutcome.Unknown outcome = assertInstanceOf(SendOutcome.Unknown.class, sender.submit(request("drop-1")));

        OutboxMessage row = store.find(outcome.outboxId()).orElseThrow();
        assertEquals(OutboxStatus.UNKNOWN, row.status());
        assertEquals(1, row.attempts());
        assertEquals(T0, row.dataEndAt(), "when the end of DATA went out");
        assertTrue(row.lastError().contains("after the end of DATA") && row.lastError().endsWith("the server may have accepted the message"),
                row.lastError());
        assertTrue(row.lastError().contains("127.0.0.1:" + smtp.port()), row.lastError());
        Eventually.await("the server kept the message", WAIT, () -> smtp.received() == 1);
        assertEquals(1, counted("unknown"));

        // send_email redelivered, and the sweep long after any claim would have gone stale
        smtp.mode(AfterData.ANSWER);
        assertInstanceOf(SendOutcome.AwaitingDecision.class, sender.submit(request("drop-1")));
        clock.advance(Duration.ofHours(2));
        assertEquals(QueueReport.EMPTY, processor(sender).runOnce());
        assertEquals(OutboxStatus.UNKNOWN, store.find(row.id()).orElseThrow().status());

        // the operator finds it in the server's log and says so
        new OutboxDecisions(store, clock).markSent(row.id());

        OutboxMessage settled = store.find(row.id()).orElseThrow();
        assertEquals(OutboxStatus.SENT, settled.status());
        assertEquals(T0, settled.sentAt(), "sent as of the end of DATA");
        assertTrue(settled.lastError().startsWith("marked sent by an operator at 2026-11-23T11:00:00Z; before: "), settled.lastError());
        assertInstanceOf(SendOutcome.AlreadySent.class, sender.submit(request("drop-1")));
        assertEquals(1, smtp.received(), "sent once, never twice");
    }

    @Test
    void an_end_of_data_the_server_does_not_answer_within_the_timeout_is_unknown_not_retried() {
        UnansweringSmtp smtp = server(AfterData.STALL);
        OutboxSender sender = sender(smtp(smtp.port()));

        SendOutcome.Unknown outcome = assertInstanceOf(SendOutcome.Unknown.class, sender.submit(request("stall-1")));

        assertEquals("no answer from 127.0.0.1:" + smtp.port() + " to the end of DATA within 1s: the server may have"
                + " accepted the message", outcome.detail());
        assertEquals(OutboxStatus.UNKNOWN, store.find(outcome.outboxId()).orElseThrow().status());
        smtp.release();
        Eventually.await("the slow server kept the message after all", WAIT, () -> smtp.received() == 1);

        clock.advance(Duration.ofHours(1));
        assertEquals(QueueReport.EMPTY, processor(sender).runOnce(), "nothing due: not resent blindly");
        assertInstanceOf(SendOutcome.AwaitingDecision.class, sender.attempt(outcome.outboxId()));
        assertEquals(1, smtp.received());
        assertEquals(1, counted("unknown"));
        assertEquals(0, counted("retry"));
    }

    @Test
    void an_unknown_message_the_server_lost_is_resent_once_when_an_operator_decides() {
        UnansweringSmtp smtp = server(AfterData.DROP_AND_LOSE);
        OutboxSender sender = sender(smtp(smtp.port()));
        long id = assertInstanceOf(SendOutcome.Unknown.class, sender.submit(request("lost-1"))).outboxId();
        assertEquals(0, smtp.received());
        smtp.mode(AfterData.ANSWER);
        clock.advance(Duration.ofMinutes(30));

        OutboxMessage before = new OutboxDecisions(store, clock).resend(id);

        assertEquals(OutboxStatus.UNKNOWN, before.status());
        OutboxMessage pending = store.find(id).orElseThrow();
        assertEquals(OutboxStatus.PENDING, pending.status());
        assertEquals(0, pending.attempts(), "the operator's resend starts the count again");
        assertNull(pending.dataEndAt());
        assertTrue(pending.lastError().startsWith("resent by an operator at 2026-11-23T09:30:00Z (was unknown after 1 attempt); before: "),
                pending.lastError());

        assertEquals(new QueueReport(1, 0, 0, 0, 0), processor(sender).runOnce());
        assertEquals(1, smtp.received());
        assertEquals(OutboxStatus.SENT, store.find(id).orElseThrow().status());
        assertThrows(OutboxDecisionException.class, () -> new OutboxDecisions(store, clock).resend(id), "a sent e-mail is not resent");
    }

    @Test
    void failures_before_the_end_of_data_keep_retrying_as_before() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer("250 2.1.5 ok")) {
            scripted.dropAtData(true);
            OutboxSender sender = sender(smtp(scripted.port()));

            SendOutcome.RetryLater retry = assertInstanceOf(SendOutcome.RetryLater.class, sender.submit(request("early-1")));

            OutboxMessage row = store.find(retry.outboxId()).orElseThrow();
            assertEquals(OutboxStatus.PENDING, row.status());
            assertNull(row.dataEndAt(), "DATA never ended");
            assertEquals(1, counted("retry"));
            scripted.dropAtData(false);
            clock.advance(Duration.ofMinutes(1));
            assertInstanceOf(SendOutcome.Sent.class, sender.attempt(row.id()));
            assertEquals(1, scripted.accepted());
        }
    }

    @Test
    void a_sender_that_stopped_after_the_end_of_data_leaves_an_unknown_message_not_a_second_copy() {
        UnansweringSmtp smtp = server(AfterData.ANSWER);
        OutboxSender sender = sender(smtp(smtp.port()));
        // a worker claimed the message, reached the end of DATA and died before recording the answer
        long id = store.insertIfAbsent(request("crash-1"), T0);
        assertTrue(store.claim(id, "dead-worker", T0, T0.minus(POLICY.sendingTimeout())).isPresent());
        assertTrue(store.markDataEnd(id, "dead-worker", T0));

        clock.advance(Duration.ofMinutes(5));
        assertEquals(QueueReport.EMPTY, processor(sender).runOnce(), "a fresh claim may still be waiting for its answer");
        clock.advance(Duration.ofMinutes(6));
        QueueReport report = processor(sender).runOnce();

        assertEquals(new QueueReport(0, 0, 0, 0, 1), report);
        OutboxMessage row = store.find(id).orElseThrow();
        assertEquals(OutboxStatus.UNKNOWN, row.status());
        assertTrue(row.lastError().startsWith("the sender stopped after the end of DATA"), row.lastError());
        assertEquals(1, counted("unknown"));
        assertEquals(0, smtp.received(), "not sent again");
        assertTrue(store.markSent(id, "dead-worker", clock.instant()), "a late answer to that send could still settle it");
    }

    @Test
    void a_sender_whose_claim_was_taken_over_stops_before_the_end_of_data() throws Exception {
        try (ScriptedSmtpServer scripted = new ScriptedSmtpServer("250 2.1.5 ok")) {
            SmtpTransport smtp = smtp(scripted.port());
            long id = store.insertIfAbsent(request("slow-1"), T0);
            // a send so slow that its claim goes stale and another sender takes the message over mid-DATA
            MailTransport overtaken = new MailTransport() {
                @Override
                public void send(EmailRequest request, Runnable commitPoint) {
                    smtp.send(request, () -> {
                        clock.advance(Duration.ofMinutes(11));
                        assertTrue(store.claim(id, "successor", clock.instant(), clock.instant().minus(POLICY.sendingTimeout())).isPresent());
                        commitPoint.run();
                    });
                }

                @Override
                public String kind() {
                    return "smtp";
                }
            };

            SendOutcome outcome = sender(overtaken).attempt(id);

            assertEquals(new SendOutcome.NotDue(id, OutboxStatus.SENDING), outcome);
            Eventually.await("the server saw the message abandoned before its end", WAIT, () -> scripted.abandoned() == 1);
            assertEquals(0, scripted.accepted(), "the overtaken sender committed nothing");
            OutboxMessage row = store.find(id).orElseThrow();
            assertEquals("successor", row.claimToken(), "the successor's claim is untouched");
            assertNotNull(row.claimedAt());
            assertNull(row.dataEndAt());
        }
    }
}
