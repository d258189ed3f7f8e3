package io.celeriac.ai.llm;

import io.celeriac.ai.tool.ToolBox;
import io.celeriac.ai.tool.ToolScope;
import io.celeriac.http.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool-calling loop, for one conversation. Each step:
 * <ol>
 *   <li>stop if the token budget is spent (by this attempt or, for a retried run, earlier ones) or
 *       the deadline has passed;</li>
 *   <li>send the conversation and the tools to the model, the request bounded by the time left
 *       (a request the deadline cuts off is a timeout, not a provider failure to retry); add its
 *       tokens to the total;</li>
 *   <li>no tool calls: the answer is the result;</li>
 *   <li>else run each call and append the call and its result to the conversation;</li>
 *   <li>stop when the token budget is spent or after {@code maxSteps} requests.</li>
 * </ol>
 * Tool calls and tokens done so far stay readable when the model fails mid-loop, so a retried run
 * records what it did.
 */
public final class AgentLoop {
    private final ChatModel model;
    private final ToolBox tools;
    private final Clock clock;
    private final int maxSteps;
    private final int tokenBudget;
    private final Duration timeout;
    private final List<ToolCallRecord> calls = new ArrayList<>();
    private int tokens;

    public AgentLoop(ChatModel model, ToolBox tools, Clock clock, int maxSteps, int tokenBudget, Duration timeout) {
        this.model = model;
        this.tools = tools;
        this.clock = clock;
        this.maxSteps = maxSteps;
        this.tokenBudget = tokenBudget;
        this.timeout = timeout;
    }

    public AgentResult run(List<ChatMessage> start, ToolScope scope) {
        List<ChatMessage> conversation = new ArrayList<>(start);
        List<ToolSpec> specs = tools.specs(scope);
        Instant deadline = clock.instant().plus(timeout);
        String lastText = null;
        for (int step = 0; step < maxSteps; step++) {
            if (tokens >= tokenBudget) {
                // a retried run's earlier attempts may have spent the budget before this one began
                return result(lastText, AgentResult.Stop.TOKEN_BUDGET);
            }
            if (!clock.instant().isBefore(deadline)) {
                return result(lastText, AgentResult.Stop.TIMEOUT);
            }
            ChatReply reply;
            try {
                reply = model.complete(conversation, specs, Duration.between(clock.instant(), deadline));
            } catch (ProviderUnavailableException e) {
                if (!clock.instant().isBefore(deadline)) {
                    // the request was cut off by the run's deadline: the run is out of time, not the provider down
                    return result(lastText, AgentResult.Stop.TIMEOUT);
                }
                throw e;
            }
            tokens += reply.totalTokens();
            if (reply.content() != null && !reply.content().isBlank()) {
                lastText = reply.content().strip();
            }
            if (reply.toolCalls().isEmpty()) {
                return result(lastText, AgentResult.Stop.ANSWERED);
            }
            conversation.add(ChatMessage.assistant(reply.content(), reply.toolCalls()));
            for (ToolCall call : reply.toolCalls()) {
                String result = tools.invoke(call, scope);
                calls.add(new ToolCallRecord(call.name(), call.argumentsJson(), result));
                conversation.add(ChatMessage.tool(call.id(), result));
            }
            if (tokens >= tokenBudget) {
                return result(lastText, AgentResult.Stop.TOKEN_BUDGET);
            }
        }
        return result(lastText, AgentResult.Stop.STEP_LIMIT);
    }

    public List<ToolCallRecord> callsSoFar() {
        return List.copyOf(calls);
    }

    public int tokensSoFar() {
        return tokens;
    }

    private AgentResult result(String text, AgentResult.Stop stop) {
        return new AgentResult(text, calls, tokens, stop);
    }
}
