package io.celeriac.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.chat.ChatOutcome;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.User;
import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ai chat: one request creates one task, whether the model repeats the call or the command is retried. */
class ChatIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
    private AiFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void a_model_repeating_create_ai_task_and_a_retried_command_still_make_one_task() throws Exception {
        fx = new AiFixture(clock, true);
        User user = fx.user("Europe/Paris");
        String args = "{\"title\":\"Test\",\"prompt\":\"This is a test\",\"in\":\"5m\",\"notify\":[\"sms\"]}";
        // the old system's failure: the model calls the tool again and again
        fx.llm.thenCalls("create_ai_task", args, "create_ai_task", args)
                .thenCalls("create_ai_task", args.replace("5m", "6m"))
                .thenAnswers("Done: I'll remind you at 09:05.");

        ChatOutcome first = fx.wired().chat().handle(user.id(), "create one for in 5 minutes, that is a test", null);
        // the command is run again (the user thought it hung)
        fx.llm.thenCalls("create_ai_task", args).thenAnswers("Done.");
        ChatOutcome retried = fx.wired().chat().handle(user.id(), "create one for in 5 minutes, that is a test", null);

        assertEquals(1, fx.wired().service().list(user.id(), 10).size());
        AiTask task = first.task().orElseThrow();
        assertEquals(task.id(), retried.task().orElseThrow().id());
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)), task.nextRunAt());
        assertEquals("Done: I'll remind you at 09:05.", first.reply());
        String toolResult = fx.llm.requests.get(1).path("messages").get(3).path("content").asText();
        assertTrue(toolResult.contains("\"created\":true"), toolResult);
        String repeated = fx.llm.requests.get(1).path("messages").get(4).path("content").asText();
        assertTrue(repeated.contains("\"created\":false"), repeated);
        assertFalse(fx.llm.requests.get(0).path("tools").findValuesAsText("name").contains("send_notification"),
                "no run, so nothing to notify from a chat");
    }

    @Test
    void invalid_arguments_are_returned_to_the_model_which_can_correct_them() throws Exception {
        fx = new AiFixture(clock, true);
        User user = fx.user("Europe/Paris");
        fx.llm.thenCalls("create_ai_task", "{\"prompt\":\"standup\",\"cron\":\"0 9 * * MONDAYS\"}")
                .thenCalls("create_ai_task", "{\"prompt\":\"standup\",\"cron\":\"0 9 * * MON\"}")
                .thenAnswers("Every Monday at 09:00.");

        ChatOutcome outcome = fx.wired().chat().handle(user.id(), "every monday 9am remind me of standup", "req-1");

        String refusal = fx.llm.requests.get(1).path("messages").get(3).path("content").asText();
        assertTrue(refusal.startsWith("error: cron:"), refusal);
        assertEquals("cron 0 9 * * MON", outcome.task().orElseThrow().schedule().describe());
    }

    @Test
    void without_an_llm_the_offline_parser_schedules_relative_reminders() throws Exception {
        fx = new AiFixture(clock, false);
        User user = fx.user("Europe/Paris");
        ChatOutcome outcome = fx.wired().chat().handle(user.id(), "remind me in 5 minutes to stretch", null);
        assertTrue(outcome.offline());
        assertTrue(outcome.reply().startsWith("[offline responder"));
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)), outcome.task().orElseThrow().nextRunAt());
        fx.wired().chat().handle(user.id(), "remind me in 5 minutes to stretch", null);
        assertEquals(1, fx.wired().service().list(user.id(), 10).size());
    }
}
