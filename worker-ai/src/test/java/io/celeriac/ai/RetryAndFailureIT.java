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
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider failures with a real worker: Retry-After retries that never notify a channel twice yet
 * finish the channels that failed; 4xx fails with the provider's words.
 */
class RetryAndFailureIT {
    private AiFixture fx;
    private User user;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AiFixture(Clock.systemUTC(), true);
        fx.startWorker();
        user = fx.user("Europe/London");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void a_run_retried_after_a_503_does_not_notify_twice() throws Exception {
        fx.llm.thenCalls("send_notification", "{\"message\":\"Drink water\"}")
                .thenFails(503, "1", "The server is overloaded")
                // the retried attempt: the model sends again, then answers
                .thenCalls("send_notification", "{\"message\":\"Drink water (again)\"}")
                .thenAnswers("Done.");

        AiTask task = create("retry", "sms,email");
        AiTaskRun run = Eventually.value("the run to finish", Duration.ofSeconds(20), () -> finished(task));

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(2, run.attempts());
        assertEquals(1, fx.twilio.messages.size(), "one SMS for the run, however many attempts");
        assertEquals("Drink water", fx.twilio.messages.get(0).get("Body"));
        Eventually.await("the e-mail", Duration.ofSeconds(5), () -> fx.emails.size() == 1);
        assertEquals("email=sent sms=sent", run.notification());
        assertEquals(4, fx.llm.requests.size());
        JsonNode calls = Json.mapper().readTree(run.toolCallsJson());
        assertEquals(2, calls.size(), "both attempts' calls: the one that sent, then the one told it was sent");
        assertTrue(calls.get(0).path("result").asText().contains("\"sms\":\"sent\""), calls.toString());
        assertTrue(calls.get(1).path("result").asText().contains("already has its message"), calls.toString());
        assertEquals(40 + 40 + 25, run.tokensUsed(), "both attempts' tokens");
    }

    @Test
    void a_twilio_503_in_a_two_channel_run_queues_the_email_once_and_the_retry_sends_only_the_sms_with_the_kept_answer() {
        fx.llm.thenAnswers("Pay the rent.").thenAnswers("Pay the rent today.");
        fx.twilio.thenFails(503, 20500, "Service Unavailable");

        AiTask task = create("two-channels", "sms,email");
        AiTaskRun run = Eventually.value("the run to finish", Duration.ofSeconds(20), () -> finished(task));

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(2, run.attempts());
        assertEquals("email=sent sms=sent", run.notification());
        assertEquals(2, fx.twilio.requests.size(), "the 503 and the retry");
        assertEquals(1, fx.twilio.messages.size());
        assertEquals("Pay the rent.", fx.twilio.messages.get(0).get("Body"), "the answer kept from the first attempt");
        assertEquals(1, fx.llm.requests.size(), "the retry of a notification does not ask the model again");
        Eventually.await("the e-mail", Duration.ofSeconds(5), () -> !fx.emails.isEmpty());
        assertEquals(1, fx.emails.size(), "queued by the first attempt, not again");
        assertEquals("Pay the rent.", fx.emails.get(0).path("body").asText());
    }

    @Test
    void a_429_from_twilio_retries_the_sms_after_its_retry_after_and_sends_it_once() {
        fx.llm.thenAnswers("Stand up and stretch.").thenAnswers("Stand up and stretch.");
        fx.twilio.thenFails(429, 20429, "Too Many Requests");

        AiTask task = create("twilio-429", "sms");
        AiTaskRun run = Eventually.value("the run to finish", Duration.ofSeconds(20), () -> finished(task));

        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(2, fx.twilio.requests.size(), "the refused request and the retry");
        assertEquals(1, fx.twilio.messages.size());
    }

    @Test
    void a_4xx_from_the_llm_fails_the_run_with_the_providers_message() {
        fx.llm.thenFails(400, null, "Invalid model name");

        AiTask task = create("llm-400", "sms");
        AiTaskRun run = Eventually.value("the run to finish", Duration.ofSeconds(15), () -> finished(task));

        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().contains("HTTP 400") && run.error().contains("Invalid model name"), run.error());
        assertEquals(0, fx.twilio.requests.size());
        Eventually.await("the one-off task to be failed", Duration.ofSeconds(5),
                () -> fx.wired().service().show(task.id()).status() == TaskStatus.FAILED);
    }

    @Test
    void a_twilio_refusal_fails_the_run_with_twilios_message() {
        fx.llm.thenAnswers("Hello");
        fx.twilio.thenFails(400, 21211, "The 'To' number +15557654321 is not a valid phone number.");

        AiTask task = create("twilio-400", "sms");
        AiTaskRun run = Eventually.value("the run to finish", Duration.ofSeconds(15), () -> finished(task));

        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().contains("is not a valid phone number"), run.error());
        assertTrue(!run.error().contains("+15557654321") && run.error().contains("21"), "the number Twilio echoed is masked: " + run.error());
        assertTrue(run.notification().startsWith("sms=failed"), run.notification());
    }

    private AiTask create(String key, String channels) {
        return fx.wired().service().create(new TaskRequest(user.id(), null, "Remind me: " + key, null, null, "1s", null, null,
                null, channels, null, null, key)).task();
    }

    private AiTaskRun finished(AiTask task) {
        return fx.wired().runs().latest(task.id(), 1).stream().filter(r -> r.status().isFinished()).findFirst().orElse(null);
    }
}
