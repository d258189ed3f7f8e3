package io.celeriac.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.celeriac.core.app.Application;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.db.SummaryStore;
import io.celeriac.email.outbox.OutboxProcessor;
import io.celeriac.email.outbox.OutboxSender;
import io.celeriac.email.smtp.SmtpSettings;
import io.celeriac.email.smtp.SmtpTransport;
import io.celeriac.email.summary.DailySummary;
import io.celeriac.email.summary.SummaryComposer;
import io.celeriac.email.summary.SummaryReport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily summary at 08:00 in each user's zone, at most once a day, none when there is nothing to say. */
class DailySummaryIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T06:45:00Z"));
    private GreenMail greenMail;
    private Application app;
    private Jdbi jdbi;
    private DailySummary summary;
    private OutboxProcessor queue;

    @BeforeEach
    void setUp() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        app = TestDatabase.app(clock, null);
        jdbi = Database.of(app).jdbi();
        var settings = EmailSettings.from(app.config("email"), java.util.Map.of());
        OutboxStore store = new OutboxStore(jdbi);
        SmtpTransport transport = new SmtpTransport(new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(),
                SmtpSettings.Security.NONE, null, null, Duration.ofSeconds(5)), "assistant@example.org", clock);
        OutboxSender sender = new OutboxSender(store, transport, settings.policy(), clock, new SplittableRandom(3));
        queue = new OutboxProcessor(store, sender, settings.policy(), clock, 50, 5);
        List<io.celeriac.core.digest.DigestContributor> contributors = ServiceLoader.load(io.celeriac.core.digest.DigestContributor.class)
                .stream().map(ServiceLoader.Provider::get).toList();
        summary = new DailySummary(new SummaryStore(jdbi), new SummaryComposer(contributors, app), app.sender(),
                EmailTasks.SEND_EMAIL, LocalTime.of(8, 0), clock);
    }

    @AfterEach
    void tearDown() {
        app.close();
        greenMail.stop();
        TestDigest.LINES.clear();
    }

    private long user(String name, String email, String zone) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO users (name, email, time_zone) VALUES (:n, :e, :z) RETURNING id")
                .bind("n", name).bind("e", email).bind("z", zone).mapTo(Long.class).one());
    }

    private List<String> recipientsReceived() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(DailySummaryIT::recipient).toList();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void each_user_gets_one_summary_at_eight_in_their_own_zone_and_users_with_nothing_get_none() throws Exception {
        long paris = user("Ada", "ada@example.org", "Europe/Paris");
        long newYork = user("Grace", "grace@example.org", "America/New_York");
        long quiet = user("Quiet", "quiet@example.org", "Europe/Paris");
        long noAddress = user("Nomail", null, "Europe/Paris");
        TestDigest.LINES.put(paris, List.of("09:00 dentist"));
        TestDigest.LINES.put(newYork, List.of("Water the plants"));
        TestDigest.LINES.put(noAddress, List.of("never mailed"));

        // 07:45 in Paris, 01:45 in New York: nobody is due
        assertEquals(new SummaryReport(0, 0, 3), summary.runOnce());

        clock.set(Instant.parse("2026-11-23T07:00:00Z")); // 08:00 Paris
        assertEquals(new SummaryReport(1, 1, 1), summary.runOnce());
        queue.runOnce();
        assertEquals(List.of("ada@example.org"), recipientsReceived());
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertEquals("Your daily summary for 2026-11-23", mail.getSubject());
        assertTrue(GreenMailUtil.getBody(mail).contains("09:00 dentist"));

        clock.set(Instant.parse("2026-11-23T07:15:00Z")); // a later run on the same Paris day
        assertEquals(new SummaryReport(0, 0, 3), summary.runOnce());

        clock.set(Instant.parse("2026-11-23T13:00:00Z")); // 08:00 New York
        assertEquals(new SummaryReport(1, 0, 2), summary.runOnce());
        queue.runOnce();
        assertEquals(List.of("ada@example.org", "grace@example.org"), recipientsReceived());

        clock.set(Instant.parse("2026-11-24T07:00:00Z")); // the next Paris morning
        assertEquals(new SummaryReport(1, 1, 1), summary.runOnce());
        queue.runOnce();
        assertEquals(3, greenMail.getReceivedMessages().length);
        long quietMails = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM email_daily_summaries WHERE user_id = :u AND outcome = 'empty'")
                .bind("u", quiet).mapTo(Long.class).one());
        assertEquals(2, quietMails);
    }

    @Test
    void the_module_registers_three_tasks_and_a_held_lock_keeps_a_second_run_out() {
        TaskRegistry registry = new TaskRegistry();
        new EmailTasks().register(registry, app);
        assertEquals(List.of(EmailTasks.PROCESS_QUEUE, EmailTasks.DAILY_SUMMARY, EmailTasks.SEND_EMAIL), List.copyOf(registry.names()));

        AdvisoryLock lock = new AdvisoryLock(Database.of(app), "celeriac.email.send_daily_email_summary");
        Optional<Optional<String>> nested = lock.tryRun(() -> new AdvisoryLock(Database.of(app), "celeriac.email.send_daily_email_summary")
                .tryRun(() -> "second run"));

        assertEquals(Optional.of(Optional.empty()), nested, "the second run found the lock taken");
        assertEquals(Optional.of("free again"), lock.tryRun(() -> "free again"));
    }
}
