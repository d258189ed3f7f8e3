package io.celeriac.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.digest.AiDigest;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.digest.DigestContributor;
import io.celeriac.core.digest.DigestSection;
import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AI part of the e-mail worker's daily summary for 10 March 2027, read by a Paris user at 07:00. */
class AiDigestIT {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate DAY = LocalDate.of(2027, 3, 10);

    private final ManualClock clock = new ManualClock(Instant.parse("2027-03-08T07:00:00Z"));
    private AiFixture fx;
    private User ada;
    private User bob;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AiFixture(clock, false);
        ada = fx.user("Europe/Paris");
        bob = fx.wired().users().add("Bob", "bob@example.com", "+15550009999", PARIS, true, true, clock.instant());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void lists_yesterdays_runs_and_todays_upcoming_runs_in_the_users_zone() {
        AiTask plants = create(ada, "Water plants", "cron", "0 9,18 * * *");
        serve(plants, RunStatus.SUCCEEDED, null); // 8 March 09:00: two days ago, not listed
        serve(plants, RunStatus.SUCCEEDED, null); // 8 March 18:00
        serve(plants, RunStatus.SUCCEEDED, null); // 9 March 09:00
        serve(plants, RunStatus.FAILED, "llm unavailable: HTTP 503: busy"); // 9 March 18:00
        serve(create(bob, "Bob's task", "cron", "0 12 * * *"), RunStatus.SUCCEEDED, null);

        clock.set(Instant.parse("2027-03-10T06:00:00Z")); // 07:00 in Paris
        create(ada, "Stretch", "every", "4h", 2, null); // 11:00 and 15:00, then its two runs are done
        create(ada, "Stand up", "every", "2h", null, "2027-03-10T12:30"); // 09:00 and 11:00; 13:00 is past its end
        create(ada, "Call mum", "at", "2027-03-10T12:30");
        create(ada, "Tomorrow", "at", "2027-03-11T09:00");
        fx.wired().service().pause(create(ada, "Paused", "cron", "0 20 * * *").id());

        List<DigestSection> sections = new AiDigest().sections(ada.id(), DAY, PARIS, fx.app);

        assertEquals(List.of(
                new DigestSection("Yesterday's AI task runs", 100, List.of(
                        "09:00 Water plants: succeeded",
                        "18:00 Water plants: failed (llm unavailable: HTTP 503: busy)")),
                new DigestSection("Today's upcoming tasks", 101, List.of(
                        "09:00 Stand up", "09:00 Water plants", "11:00 Stand up", "11:00 Stretch", "12:30 Call mum",
                        "15:00 Stretch", "18:00 Water plants"))), sections);
    }

    @Test
    void a_user_with_no_tasks_and_no_runs_gets_no_section() {
        create(bob, "Bob's task", "cron", "0 12 * * *");
        assertEquals(List.of(), new AiDigest().sections(ada.id(), DAY, PARIS, fx.app));
    }

    @Test
    void the_e_mail_worker_finds_it_on_the_class_path() {
        assertTrue(ServiceLoader.load(DigestContributor.class).stream().anyMatch(p -> p.type() == AiDigest.class));
    }

    private AiTask create(User user, String title, String field, String value) {
        return create(user, title, field, value, null, null);
    }

    private AiTask create(User user, String title, String field, String value, Integer maxRuns, String until) {
        return fx.wired().service().create(new TaskRequest(user.id(), title, "Do: " + title, null,
                field.equals("at") ? value : null, null, field.equals("cron") ? value : null,
                field.equals("every") ? value : null, null, "email", maxRuns, until, title)).task();
    }

    /** Claims the task's next occurrence and finishes its run a minute later. */
    private void serve(AiTask task, RunStatus status, String error) {
        long runId = fx.claim(task);
        Instant at = fx.run(runId).scheduledFor();
        var attempt = fx.startRun(runId, at);
        fx.wired().runs().finish(attempt, status, "out", "[]", 10, error, "email=sent", at.plus(Duration.ofMinutes(1)));
    }
}
