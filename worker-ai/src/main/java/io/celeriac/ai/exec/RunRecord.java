package io.celeriac.ai.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.celeriac.ai.llm.AgentLoop;
import io.celeriac.ai.llm.ToolCallRecord;
import io.celeriac.ai.model.AiTaskRun;
import java.util.List;

/** What a run row adds up over its attempts: tool calls and tokens. */
final class RunRecord {
    private final ObjectMapper json;

    RunRecord(ObjectMapper json) {
        this.json = json;
    }

    /** Earlier attempts' tokens (read when this attempt started) plus this attempt's. */
    int tokens(AiTaskRun run, AgentLoop loop) {
        return run.tokensUsed() + (loop == null ? 0 : loop.tokensSoFar());
    }

    /** Earlier attempts' tool calls followed by this attempt's, as the JSON list stored with the run. */
    String calls(AiTaskRun run, List<ToolCallRecord> calls) {
        ArrayNode all = json.createArrayNode();
        try {
            if (run.toolCallsJson() != null && json.readTree(run.toolCallsJson()) instanceof ArrayNode earlier) {
                all.addAll(earlier);
            }
        } catch (JsonProcessingException e) {
            // the column is JSONB, so this cannot happen; losing old entries beats failing the run
        }
        calls.forEach(c -> all.add(json.valueToTree(c)));
        return all.toString();
    }
}
