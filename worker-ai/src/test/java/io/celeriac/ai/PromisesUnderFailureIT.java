package io.celeriac.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.ai.db.NotificationLog;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.Notification;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.internal.Json;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.Retry;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 29's promises, each against the real PostgreSQL, a mock LLM and a mock Twilio speaking
 * their wire formats, with execute_ai_task run attempt by attempt on a manual clock: one
 * notification per chosen channel whatever fails, the answer kept, creation bounded.
 */
class PromisesUnderFailureIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2027-01-12T08:00:00Z"));
    private AiFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    private User start(String aiSettings) throws Exception {
        fx = new AiFixture(clock, true, aiSettings);
        return fx.user("Europe/Paris");
    }

    private AiTask task(User user, String key, String channels, String every) {
        return fx.wired().service().create(new TaskRequest(user.id(), null, "Remind me: " + key, null, null,
                every == null ? "10m" : null, null, every, null, channels, null, null, key)).task();
    }

    private Notification row(long runId, Channel channel) {
        return new NotificationLog(Database.of(fx.app)).find(runId, channel).orElseThrow();
    }

    @Test
    void twilio_answering_after_the_client_timeout_is_reconciled_from_its_message_list_not_sent_again() throws Exception {
        User user = start("  sms:\n    timeout: 1s\n");
        fx.llm.thenAnswers("Take your pills.");
        fx.twilio.thenAnswersAfter(Duration.ofSeconds(3));
        long runId = fx.claim(task(user, "late-twilio", "sms", null));

        Retry retry = assertThrows(Retry.class, () -> fx.execute(runId, 0));

        assertEquals(Duration.ofSeconds(6), retry.countdown(), "wait until any request of the send has ended (timeout + 5 s)");
        assertEquals(Notification.Status.SENDING, row(runId, Channel.SMS).status(), "outcome unknown: not failed, not resent");
        assertEquals(RunStatus.RETRYING, fx.run(runId).status());
        clock.advance(Duration.ofSeconds(7));

        fx.execute(runId, 1);

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(1, fx.twilio.posts(), "one POST for the run and channel");
        assertEquals(1, fx.twilio.lists(), "the message list was read once");
        assertEquals("sms=sent", run.notification());
        assertEquals(fx.twilio.messages.get(0).get("sid"), row(runId, Channel.SMS).providerRef());
        assertEquals(1, fx.llm.requests.size());
    }

    @Test
    void a_send_that_cannot_be_reconciled_ends_unknown_visible_and_counted_never_resent() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            User user = start("  sms:\n    timeout: 1s\n  runs:\n    max_retries: 1\n");
            fx.llm.thenAnswers("Call the bank.");
            fx.twilio.thenAnswersAfter(Duration.ofSeconds(3));
            fx.twilio.listDown = true;
            long runId = fx.claim(task(user, "unknown", "sms", null));
            assertThrows(Retry.class, () -> fx.execute(runId, 0));
            clock.advance(Duration.ofSeconds(7));

            assertThrows(Reject.class, () -> fx.execute(runId, 1), "out of retries, nothing known to be sent");

            assertEquals(Notification.Status.UNKNOWN, row(runId, Channel.SMS).status());
            assertEquals("sms=unknown", fx.run(runId).notification(), "shown by ai runs");
            assertEquals(1, fx.twilio.posts(), "never resent blindly");
            assertEquals(1.0, registry.get("celeriac.ai.notifications").tags("channel", "sms", "outcome", "unknown").counter().count());
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void a_worker_that_died_between_the_sms_and_the_email_is_taken_over_and_sends_only_the_email() throws Exception {
        User user = start("");
        long runId = fx.claim(task(user, "crash-between", "sms,email", null));
        // the dead attempt: answered, SMS sent, e-mail planned but never queued; its worker is gone
        fx.wired().runs().start(runId, "dead-worker", "1", clock.instant(), Instant.EPOCH, null);
        fx.wired().runs().answered(fx.run(runId), "Bin day.", "[]", 25, null, clock.instant());
        fx.wired().notifier().plan(runId, Channel.SMS, "Bins", "Bin day.");
        fx.wired().notifier().deliver(runId, user, Channel.SMS);
        fx.wired().notifier().plan(runId, Channel.EMAIL, "Bins", "Bin day.");

        fx.execute(runId, 0);

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(2, run.attempts(), "taken over at once from the worker whose lease is gone");
        assertEquals(1, fx.twilio.posts(), "the SMS the dead worker sent, not again");
        assertEquals("email=sent sms=sent", run.notification());
        assertEquals(0, fx.llm.requests.size(), "the kept answer, no new model call");
        assertEquals(1, fx.app.keys().queueLists("email_tasks").stream().mapToLong(l -> fx.app.redis().getList(l).size()).sum());
    }

    @Test
    void a_model_asking_for_a_channel_the_task_did_not_choose_or_the_user_opted_out_of_is_refused_and_told() throws Exception {
        start("");
        User noSms = fx.wired().users().add("Bo", "bo@example.com", "+15551234567", ZoneId.of("Europe/Paris"), true, false,
                clock.instant());
        fx.llm.thenCalls("send_notification", "{\"message\":\"Hi by SMS\",\"channels\":[\"sms\"]}").thenAnswers("Your e-mail digest.");
        long emailOnly = fx.claim(fx.wired().service().create(new TaskRequest(noSms.id(), null, "digest", null, null, "10m",
                null, null, null, "email", null, null, "email-only")).task());

        fx.execute(emailOnly, 0);

        String told = fx.llm.requests.get(1).path("messages").get(3).path("content").asText();
        assertTrue(told.contains("refused: the task did not choose sms"), told);
        assertEquals(0, fx.twilio.posts(), "no SMS, whatever the model asked");
        assertEquals("email=sent", fx.run(emailOnly).notification(), "the chosen channel still got the answer");

        // a task that chose both, for a user who opted out of SMS since
        fx.llm.thenAnswers("Stretch.");
        AiTask both = fx.wired().service().create(new TaskRequest(noSms.id(), null, "stretch", null, null, "10m",
                null, null, null, "email", null, null, "both")).task();
        Database.of(fx.app).jdbi().useHandle(h -> h.execute("UPDATE ai_tasks SET channels = 'email,sms' WHERE id = ?", both.id()));
        long runId = fx.claim(both);
        fx.execute(runId, 0);
        assertEquals(0, fx.twilio.posts());
        assertEquals(Notification.Status.FAILED, row(runId, Channel.SMS).status());
        assertEquals("the user opted out of sms", row(runId, Channel.SMS).detail());
        assertEquals("email=sent sms=failed", fx.run(runId).notification());
    }

    @Test
    void a_retry_after_a_notification_failure_sends_the_kept_answer_without_asking_the_model() throws Exception {
        User user = start("  llm:\n    token_budget: 12000\n");
        fx.llm.thenReplies("A long answer about your day.", 12_500);
        fx.twilio.thenFails(503, 20503, "Service Unavailable");
        long runId = fx.claim(task(user, "kept-answer", "sms", null));

        assertThrows(Retry.class, () -> fx.execute(runId, 0));
        assertTrue(fx.run(runId).answered(), "the answer is stored before any send");
        clock.advance(Duration.ofSeconds(2));
        fx.execute(runId, 1);

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("A long answer about your day.", fx.twilio.messages.get(0).get("Body"));
        assertEquals(1, fx.llm.requests.size(), "the model was asked once");
        assertEquals(12_500, run.tokensUsed());
    }

    @Test
    void a_task_cancelled_after_its_occurrence_was_claimed_notifies_no_one() throws Exception {
        User user = start("");
        AiTask task = task(user, "cancelled", "sms", "1h");
        long runId = fx.claim(task);
        fx.wired().service().cancel(task.id());

        fx.execute(runId, 0);

        assertEquals(RunStatus.FAILED, fx.run(runId).status());
        assertTrue(fx.run(runId).error().contains("cancelled"), fx.run(runId).error());
        assertEquals(0, fx.twilio.posts());
        assertEquals(0, fx.llm.requests.size());
    }

    @Test
    void a_task_that_creates_copies_of_itself_is_bounded() throws Exception {
        User user = start("  limits:\n    max_active_tasks: 3\n    min_interval: 5m\n");
        String copy = "{\"prompt\":\"Remind me: replicate\",\"every\":\"%s\"}";
        fx.llm.thenCalls("create_ai_task", copy.formatted("1m"))
                .thenCalls("create_ai_task", copy.formatted("10m"))
                .thenAnswers("Done.");
        AiTask parent = task(user, "replicate", "sms", "10m");
        long runId = fx.claim(parent);

        fx.execute(runId, 0);

        String refused = fx.llm.requests.get(1).path("messages").get(3).path("content").asText();
        assertTrue(refused.startsWith("error: every: must be whole seconds and at least 5m"), refused);
        var tasks = fx.wired().service().list(user.id(), 10);
        assertEquals(2, tasks.size(), "the parent and one copy");
        AiTask child = tasks.stream().filter(t -> t.id() != parent.id()).findFirst().orElseThrow();
        assertEquals(runId, child.createdByRun());

        // the copy's run is not offered create_ai_task at all
        fx.llm.thenAnswers("Child done.");
        clock.set(child.nextRunAt());
        long childRun = fx.claim(child);
        fx.execute(childRun, 0);
        JsonNode offered = fx.llm.requests.get(fx.llm.requests.size() - 1).path("tools");
        assertFalse(offered.findValuesAsText("name").contains("create_ai_task"), offered.toString());

        // and a user's tasks are capped
        task(user, "third", "sms", null);
        InvalidAiTaskException full = assertThrows(InvalidAiTaskException.class, () -> task(user, "fourth", "sms", null));
        assertEquals("limit", full.field());
    }

    @Test
    void out_of_range_and_mistyped_arguments_are_tool_errors_and_the_run_goes_on() throws Exception {
        User user = start("");
        fx.llm.thenCalls("create_ai_task", "{\"prompt\":\"x\",\"in\":\"200000000d\"}",
                        "create_ai_task", "{\"prompt\":\"x\",\"every\":\"1h\",\"max_runs\":\"three\"}",
                        "create_ai_task", "{\"prompt\":\"x\",\"at\":\"9999-01-01T00:00\"}",
                        "create_ai_task", "{\"prompt\":\"x\",\"in\":\"1h\",\"repeat\":true}",
                        "create_ai_task", "{\"prompt\":\"x\",\"every\":\"1h\",\"until\":\"2099-01-01T00:00\"}")
                .thenAnswers("I could not schedule that.");
        long runId = fx.claim(task(user, "bad-args", "sms", null));

        fx.execute(runId, 0);

        JsonNode messages = fx.llm.requests.get(1).path("messages");
        String[] expected = {"error: in: '200000000d' is too long", "error: max_runs: must be a whole number, got \"three\"",
                "error: at: is more than 730d ahead", "error: repeat: unknown argument", "error: until: is more than 730d ahead"};
        for (int i = 0; i < expected.length; i++) {
            String result = messages.get(3 + i).path("content").asText();
            assertTrue(result.startsWith(expected[i]), result);
        }
        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status(), "the run went on and notified");
        assertEquals(1, run.attempts(), "no retry, no exception");
        assertEquals(1, fx.wired().service().list(user.id(), 10).size(), "nothing created");
    }
}
