package io.celeriac.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.internal.Json;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.Retry;
import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * execute_ai_task against the mock LLM when the tool loop stops on a limit (3 steps, 150 tokens,
 * 60 s on a manual clock that each model request moves by 25 s): what the run records, and
 * whether the user hears anything.
 */
class RunLimitsIT {
    private static final String TIME = "get_current_time";

    private final ManualClock clock = new ManualClock(Instant.parse("2027-05-04T09:00:00Z"));
    private AiFixture fx;
    private User user;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AiFixture(clock, true, """
                  llm:
                    max_steps: 3
                    token_budget: 150
                    timeout: 60s
                """);
        user = fx.user("Europe/Paris");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void at_the_step_limit_without_an_answer_the_run_fails_silently_with_its_calls_and_tokens() throws Exception {
        fx.llm.thenCalls(TIME, "{}").thenCalls(TIME, "{}").thenCalls(TIME, "{}").thenAnswers("too late");
        AiTask task = create("steps");
        long runId = fx.claim(task);

        Reject reject = assertThrows(Reject.class, () -> fx.execute(runId, 0));

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals("the LLM gave no answer (step_limit)", run.error());
        assertEquals(run.error(), reject.getMessage(), "dead-lettered with the same reason");
        assertEquals(3, fx.llm.requests.size(), "max_steps requests, not one more");
        assertEquals(3, calls(run).size());
        assertEquals(TIME, calls(run).get(0).path("name").asText());
        assertEquals(120, run.tokensUsed());
        assertNull(run.output());
        assertEquals(0, fx.twilio.requests.size(), "nothing to tell the user");
        assertEquals("", run.notification());
        assertEquals(TaskStatus.FAILED, fx.wired().service().show(task.id()).status(), "a one-off whose run failed");
    }

    @Test
    void at_the_step_limit_after_the_model_notified_the_run_succeeds_with_the_stop_noted_and_one_sms() throws Exception {
        fx.llm.thenCalls("send_notification", "{\"message\":\"Stand up!\"}").thenCalls(TIME, "{}").thenCalls(TIME, "{}");
        long runId = fx.claim(create("steps-notified"));

        fx.execute(runId, 0);

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("stopped: step_limit", run.error());
        assertEquals(1, fx.twilio.messages.size(), "the model's message, and no fallback after it");
        assertEquals("Stand up!", fx.twilio.messages.get(0).get("Body"));
        assertEquals("sms=sent", run.notification());
        assertEquals(3, calls(run).size());
    }

    @Test
    void a_spent_token_budget_sends_the_last_text_the_model_wrote_and_notes_the_stop() throws Exception {
        fx.llm.thenReplies("Your plants need water.", 80, TIME, "{}").thenReplies(null, 80, TIME, "{}").thenAnswers("unused");
        long runId = fx.claim(create("budget"));

        fx.execute(runId, 0);

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("stopped: token_budget", run.error());
        assertEquals(2, fx.llm.requests.size(), "stopped before a third request");
        assertEquals(160, run.tokensUsed());
        assertEquals(2, calls(run).size());
        assertEquals("Your plants need water.", run.output());
        assertEquals(1, fx.twilio.messages.size());
        assertEquals("Your plants need water.", fx.twilio.messages.get(0).get("Body"));
    }

    @Test
    void the_token_budget_is_the_runs_so_a_retry_gets_only_what_earlier_attempts_left() throws Exception {
        fx.llm.thenReplies(null, 100, TIME, "{}").thenFails(503, "5", "overloaded")
                .thenReplies("Water the plants.", 60, TIME, "{}").thenAnswers("never asked");
        long runId = fx.claim(create("budget-across-retries"));

        assertThrows(Retry.class, () -> fx.execute(runId, 0), "the 503 asks for a retry");
        assertEquals(100, fx.run(runId).tokensUsed());
        fx.execute(runId, 1);

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("stopped: token_budget", run.error(), "100 + 60 of 150: the retry stopped after one request");
        assertEquals(3, fx.llm.requests.size());
        assertEquals(160, run.tokensUsed());
        assertEquals("Water the plants.", run.output());
        assertEquals(1, fx.twilio.messages.size());
    }

    @Test
    void the_timeout_is_read_on_the_injected_clock_and_fails_a_run_that_has_nothing_to_say() throws Exception {
        fx.close();
        fx = new AiFixture(clock, true, """
                  llm:
                    max_steps: 10
                    timeout: 60s
                """);
        user = fx.user("Europe/Paris");
        fx.llm.onRequest(() -> clock.advance(Duration.ofSeconds(25)));
        for (int i = 0; i < 5; i++) {
            fx.llm.thenCalls(TIME, "{}");
        }
        AiTask task = create("timeout");
        long runId = fx.claim(task);

        assertThrows(Reject.class, () -> fx.execute(runId, 0));

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals("the LLM gave no answer (timeout)", run.error());
        assertEquals(3, fx.llm.requests.size(), "requests at 0 s, 25 s and 50 s; none at 75 s");
        assertEquals(3, calls(run).size());
        assertEquals(120, run.tokensUsed());
        assertEquals(0, fx.twilio.requests.size());
        assertTrue(run.finishedAt().equals(clock.instant()), "finished at the clock's time: " + run.finishedAt());
    }

    private AiTask create(String key) {
        return fx.wired().service().create(new TaskRequest(user.id(), null, "Remind me: " + key, null, null, "10m", null, null,
                null, "sms", null, null, key)).task();
    }

    private static JsonNode calls(AiTaskRun run) throws Exception {
        return Json.mapper().readTree(run.toolCallsJson());
    }
}
