package io.celeriac.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core path with a real worker, Redis and PostgreSQL: create, fire on time, LLM with tools, notify once. */
class OnTimeEndToEndIT {
    private AiFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AiFixture(Clock.systemUTC(), true);
        fx.startWorker();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void a_task_created_in_two_seconds_reaches_the_llm_and_the_sms_endpoint_once_on_time() {
        User user = fx.user("Europe/Paris");
        fx.llm.thenCalls("get_current_time", "{}")
                .thenCalls("send_notification", "{\"message\":\"Time to stretch!\",\"channels\":[\"sms\"]}")
                .thenAnswers("Reminder sent.");

        AiTask task = fx.wired().service().create(new TaskRequest(user.id(), "Stretch", "Remind me to stretch", null,
                null, "2s", null, null, null, "sms", null, null, "e2e-1")).task();

        Eventually.await("one SMS at the mock Twilio", Duration.ofSeconds(15), () -> fx.twilio.messages.size() == 1);
        AiTaskRun run = Eventually.value("the run to finish", Duration.ofSeconds(10), () -> finished(task.id()));

        Duration late = Duration.between(task.nextRunAt(), fx.llm.arrivals.get(0));
        assertTrue(!late.isNegative() && late.compareTo(Duration.ofSeconds(2)) <= 0, "LLM called " + late.toMillis() + " ms after due");
        Map<String, String> sms = fx.twilio.messages.get(0);
        assertEquals("+15557654321", sms.get("To"));
        assertEquals("+15550001111", sms.get("From"));
        assertEquals("Time to stretch!", sms.get("Body"));
        assertTrue(fx.twilio.requests.get(0).getTarget().endsWith("/2010-04-01/Accounts/" + MockTwilio.SID + "/Messages.json"));
        assertTrue(fx.twilio.requests.get(0).getHeaders().get("Authorization").startsWith("Basic "));

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("Reminder sent.", run.output());
        assertEquals("sms=sent", run.notification());
        assertEquals(3, fx.llm.requests.size(), "three model requests: two tool steps and the answer");
        assertEquals(105, run.tokensUsed());
        assertTrue(run.toolCallsJson().contains("send_notification"));
        assertEquals(TaskStatus.COMPLETED, fx.wired().service().show(task.id()).status());
        assertEquals(1, fx.wired().runs().latest(task.id(), 10).size());
        assertTrue(fx.emails.isEmpty(), "the task asked for SMS only");

        JsonNode first = fx.llm.requests.get(0);
        assertEquals("gpt-4o-mini", first.path("model").asText());
        List<String> tools = first.path("tools").findValuesAsText("name");
        assertTrue(tools.containsAll(List.of("send_notification", "create_ai_task", "list_ai_tasks", "get_current_time")), tools.toString());
        JsonNode second = fx.llm.requests.get(1).path("messages");
        JsonNode toolReply = second.get(second.size() - 1);
        assertEquals("tool", toolReply.path("role").asText());
        assertTrue(toolReply.path("content").asText().contains("Europe/Paris"));
        assertEquals(second.get(second.size() - 2).path("tool_calls").path(0).path("id").asText(), toolReply.path("tool_call_id").asText());
    }

    @Test
    void a_model_answer_without_a_tool_call_is_sent_to_every_channel_of_the_task() {
        User user = fx.user("America/New_York");
        fx.llm.thenAnswers("Your weekly summary: all good.");

        AiTask task = fx.wired().service().create(new TaskRequest(user.id(), "Summary", "Summarise my week", null,
                null, "1s", null, null, null, "sms,email", null, null, "e2e-2")).task();

        AiTaskRun run = Eventually.value("the run to finish", Duration.ofSeconds(15), () -> finished(task.id()));
        Eventually.await("the e-mail task", Duration.ofSeconds(10), () -> fx.emails.size() == 1);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(1, fx.twilio.messages.size());
        assertEquals("Your weekly summary: all good.", fx.twilio.messages.get(0).get("Body"));
        assertEquals("ada@example.com", fx.emails.get(0).path("to").asText());
        assertEquals("ai-run-" + run.id() + "-email", fx.emails.get(0).path("idempotency_key").asText());
        assertEquals("Summary", fx.emails.get(0).path("subject").asText());
    }

    private AiTaskRun finished(long taskId) {
        return fx.wired().runs().latest(taskId, 1).stream().filter(r -> r.status().isFinished()).findFirst().orElse(null);
    }
}
