package io.celeriac.ai.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.AiTaskNotFoundException;
import io.celeriac.ai.InvalidAiTaskException;
import io.celeriac.ai.PersonalData;
import io.celeriac.ai.llm.ToolCall;
import io.celeriac.ai.llm.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools offered to the model, by name. A call with bad arguments (checked against the tool's
 * schema first: unknown, missing or mistyped arguments, then by the tool) or to an unknown tool
 * answers the model with an error text instead of failing the run: models correct themselves when told.
 */
public final class ToolBox {
    private static final Logger log = LoggerFactory.getLogger(ToolBox.class);

    private final Map<String, AiTool> tools = new LinkedHashMap<>();
    private final ObjectMapper json;

    public ToolBox(List<AiTool> tools, ObjectMapper json) {
        this.json = json;
        for (AiTool tool : tools) {
            if (this.tools.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalStateException("tool " + tool.name() + " is defined twice");
            }
        }
    }

    /** The standard tools plus every {@link AiToolProvider}'s on the class path. */
    public static ToolBox standard(ToolServices services) {
        List<AiTool> all = new ArrayList<>(List.of(new SendNotificationTool(services), new CreateAiTaskTool(services),
                new ListAiTasksTool(services), new GetCurrentTimeTool(services.json())));
        for (AiToolProvider provider : ServiceLoader.load(AiToolProvider.class)) {
            all.addAll(provider.tools(services));
        }
        return new ToolBox(all, services.json());
    }

    public List<ToolSpec> specs(ToolScope scope) {
        return tools.values().stream().filter(t -> t.availableIn(scope))
                .map(t -> new ToolSpec(t.name(), t.description(), t.parameters())).toList();
    }

    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    /** Runs one call; the text goes back to the model. */
    public String invoke(ToolCall call, ToolScope scope) {
        AiTool tool = tools.get(call.name());
        if (tool == null || !tool.availableIn(scope)) {
            return "error: no tool named '" + call.name() + "' here; available: " + String.join(", ",
                    specs(scope).stream().map(ToolSpec::name).toList());
        }
        JsonNode arguments;
        try {
            String text = call.argumentsJson() == null || call.argumentsJson().isBlank() ? "{}" : call.argumentsJson();
            arguments = json.readTree(text);
        } catch (JsonProcessingException e) {
            return "error: arguments are not valid JSON: " + e.getOriginalMessage();
        }
        if (!arguments.isObject()) {
            return "error: arguments must be a JSON object";
        }
        List<String> problems = Schemas.problems(tool.parameters(), arguments);
        if (!problems.isEmpty()) {
            log.atInfo().addKeyValue("tool", call.name()).addKeyValue("problems", problems.size()).log("tool call refused");
            return "error: " + String.join("; ", problems);
        }
        try {
            return tool.invoke(arguments, scope);
        } catch (InvalidAiTaskException | AiTaskNotFoundException | IllegalArgumentException e) {
            // the reason may quote what the model wrote: no personal data in the log
            log.atInfo().addKeyValue("tool", call.name()).addKeyValue("reason", PersonalData.mask(e.getMessage()))
                    .log("tool call refused");
            return "error: " + e.getMessage();
        }
    }
}
