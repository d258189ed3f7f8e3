package io.celeriac.ai.llm;

import java.util.List;

/**
 * How a tool-calling loop ended.
 *
 * @param text  the model's last text (may be null when it stopped on a limit)
 * @param stop  why it ended
 */
public record AgentResult(String text, List<ToolCallRecord> calls, int tokens, Stop stop) {
    public AgentResult {
        calls = List.copyOf(calls);
    }

    public enum Stop {
        /** The model answered without asking for more tools. */
        ANSWERED,
        /** The step limit was reached. */
        STEP_LIMIT,
        /** The token budget was spent. */
        TOKEN_BUDGET,
        /** The loop's time ran out. */
        TIMEOUT
    }
}
