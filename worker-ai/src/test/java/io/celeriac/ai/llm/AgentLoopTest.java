package io.celeriac.ai.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.tool.AiTool;
import io.celeriac.ai.tool.ToolBox;
import io.celeriac.ai.tool.ToolScope;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.http.ProviderUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's four ends, with a scripted model whose every request takes a set time on a manual clock. */
class AgentLoopTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final List<ChatMessage> START = List.of(ChatMessage.system("sys"), ChatMessage.user("go"));

    private final ManualClock clock = new ManualClock(Instant.parse("2027-01-01T10:00:00Z"));
    private final ScriptedModel model = new ScriptedModel();
    private final List<String> toolRuns = new ArrayList<>();
    private final ToolBox tools = new ToolBox(List.of(new Echo()), JSON);

    @Test
    void an_answer_ends_the_loop_with_every_requests_tokens_counted() {
        model.callsEcho(30, null).answers("All done", 20);
        AgentResult result = loop(6, 1000, Duration.ofSeconds(60)).run(START, scope());
        assertEquals(AgentResult.Stop.ANSWERED, result.stop());
        assertEquals("All done", result.text());
        assertEquals(50, result.tokens());
        assertEquals(1, result.calls().size());
        assertEquals(2, model.requests);
    }

    @Test
    void a_model_that_keeps_calling_tools_stops_at_the_step_limit_with_its_calls_recorded() {
        for (int i = 0; i < 10; i++) {
            model.callsEcho(30, null);
        }
        AgentResult result = loop(3, 1000, Duration.ofSeconds(60)).run(START, scope());
        assertEquals(AgentResult.Stop.STEP_LIMIT, result.stop());
        assertEquals(3, model.requests, "max_steps requests, not one more");
        assertEquals(3, result.calls().size());
        assertEquals(List.of("1", "2", "3"), toolRuns);
        assertEquals(90, result.tokens());
        assertNull(result.text(), "the model never wrote text");
    }

    @Test
    void the_token_budget_stops_the_loop_after_the_tools_of_the_step_that_spent_it() {
        model.callsEcho(60, "Checking").callsEcho(60, null).answers("never asked", 10);
        AgentResult result = loop(6, 100, Duration.ofSeconds(60)).run(START, scope());
        assertEquals(AgentResult.Stop.TOKEN_BUDGET, result.stop());
        assertEquals(2, model.requests);
        assertEquals(120, result.tokens());
        assertEquals(2, result.calls().size(), "the tools asked for in the last step still ran");
        assertEquals("Checking", result.text(), "the last text the model wrote");
    }

    @Test
    void the_deadline_comes_from_the_injected_clock_and_is_checked_before_each_request() {
        model.stepTakes = Duration.ofSeconds(25);
        for (int i = 0; i < 10; i++) {
            model.callsEcho(10, null);
        }
        AgentResult result = loop(10, 10_000, Duration.ofSeconds(60)).run(START, scope());
        assertEquals(AgentResult.Stop.TIMEOUT, result.stop());
        assertEquals(3, model.requests, "requests at 0 s, 25 s and 50 s; at 75 s the 60 s are spent");
        assertEquals(3, result.calls().size());
        assertEquals(30, result.tokens());
    }

    @Test
    void each_request_gets_the_time_left_and_one_cut_off_by_the_deadline_ends_the_run_as_timed_out() {
        model.stepTakes = Duration.ofSeconds(25);
        model.callsEcho(10, null).callsEcho(10, null).callsEcho(10, null);
        model.cutOffAtDeadline = true;
        AgentResult result = loop(10, 10_000, Duration.ofSeconds(60)).run(START, scope());
        assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(35), Duration.ofSeconds(10)), model.granted);
        assertEquals(AgentResult.Stop.TIMEOUT, result.stop(), "not a provider failure to retry");
        assertEquals(2, result.calls().size(), "the cut-off request's tools never ran");
        assertEquals(20, result.tokens());
    }

    @Test
    void a_budget_already_spent_asks_the_model_nothing() {
        model.answers("never asked", 10);
        AgentResult result = loop(6, 0, Duration.ofSeconds(60)).run(START, scope());
        assertEquals(AgentResult.Stop.TOKEN_BUDGET, result.stop());
        assertEquals(0, model.requests);
    }

    @Test
    void what_was_done_before_the_model_failed_stays_readable() {
        model.callsEcho(40, null).callsEcho(40, null).fails();
        AgentLoop loop = loop(6, 1000, Duration.ofSeconds(60));
        assertThrows(ProviderUnavailableException.class, () -> loop.run(START, scope()));
        assertEquals(2, loop.callsSoFar().size());
        assertEquals(80, loop.tokensSoFar());
    }

    private AgentLoop loop(int maxSteps, int tokenBudget, Duration timeout) {
        return new AgentLoop(model, tools, clock, maxSteps, tokenBudget, timeout);
    }

    private static ToolScope scope() {
        return ToolScope.chat(null, Instant.EPOCH, "test");
    }

    /** Replies in order; each request moves the clock by {@link #stepTakes} (the time the model took). */
    private final class ScriptedModel implements ChatModel {
        private final Deque<ChatReply> script = new ArrayDeque<>();
        Duration stepTakes = Duration.ZERO;
        /** A request that would outlast its time left stops there and fails, as an HTTP call timeout does. */
        boolean cutOffAtDeadline;
        final List<Duration> granted = new ArrayList<>();
        int requests;

        ScriptedModel callsEcho(int tokens, String text) {
            script.add(new ChatReply(text, List.of(new ToolCall("c" + script.size(), "echo", "{\"n\":" + (script.size() + 1) + "}")),
                    tokens, "tool_calls"));
            return this;
        }

        ScriptedModel answers(String text, int tokens) {
            script.add(new ChatReply(text, List.of(), tokens, "stop"));
            return this;
        }

        ScriptedModel fails() {
            script.add(new ChatReply(null, null, -1, "fail"));
            return this;
        }

        @Override
        public ChatReply complete(List<ChatMessage> messages, List<ToolSpec> specs, Duration within) {
            granted.add(within);
            if (cutOffAtDeadline && stepTakes.compareTo(within) > 0) {
                requests++;
                clock.advance(within);
                throw new ProviderUnavailableException("llm", "could not be reached", Duration.ofSeconds(5), false,
                        new java.io.InterruptedIOException("timeout"));
            }
            return complete(messages, specs);
        }

        @Override
        public ChatReply complete(List<ChatMessage> messages, List<ToolSpec> specs) {
            requests++;
            clock.advance(stepTakes);
            ChatReply next = script.poll();
            if (next == null || next.totalTokens() < 0) {
                throw new ProviderUnavailableException("llm", "HTTP 503", Duration.ofSeconds(1), false, null);
            }
            return next;
        }

        @Override
        public String problem() {
            return null;
        }
    }

    /** A tool that records its calls and answers with its argument. */
    private final class Echo implements AiTool {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String description() {
            return "echoes n";
        }

        @Override
        public ObjectNode parameters() {
            return JSON.createObjectNode().put("type", "object");
        }

        @Override
        public String invoke(JsonNode arguments, ToolScope scope) {
            toolRuns.add(arguments.path("n").asText());
            return arguments.path("n").asText();
        }
    }
}
