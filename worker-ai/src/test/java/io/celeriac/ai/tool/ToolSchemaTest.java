package io.celeriac.ai.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** create_ai_task's schema lists every argument it reads, and a call is checked against it. */
class ToolSchemaTest {
    private static final ObjectMapper JSON = Json.mapper();
    private final ObjectNode schema = new CreateAiTaskTool(new ToolServices(null, null, JSON)).parameters();

    private List<String> problems(String arguments) throws Exception {
        return Schemas.problems(schema, JSON.readTree(arguments));
    }

    @Test
    void every_argument_create_ai_task_reads_is_in_its_schema() {
        Set<String> listed = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(listed::add);
        assertEquals(new TreeSet<>(List.of("at", "cron", "every", "in", "kind", "max_runs", "notify", "prompt", "timezone",
                "title", "until")), listed);
        assertEquals("integer", schema.path("properties").path("max_runs").path("type").asText());
        assertEquals(false, schema.path("additionalProperties").asBoolean(true));
    }

    @Test
    void unknown_missing_and_mistyped_arguments_are_each_named() throws Exception {
        assertEquals(List.of(), problems("{\"prompt\":\"x\",\"every\":\"1h\",\"max_runs\":3,\"notify\":[\"sms\"]}"));
        assertEquals(List.of(), problems("{\"prompt\":\"x\",\"max_runs\":\"3\",\"notify\":\"sms,email\"}"), "as models write them");
        List<String> all = problems("{\"repeat\":true,\"max_runs\":\"three\",\"title\":{\"a\":1},\"notify\":[1]}");
        List<String> fields = new ArrayList<>();
        all.forEach(p -> fields.add(p.substring(0, p.indexOf(':'))));
        assertEquals(new TreeSet<>(List.of("repeat", "prompt", "max_runs", "title", "notify")), new TreeSet<>(fields), all.toString());
        assertTrue(all.stream().anyMatch(p -> p.startsWith("max_runs: must be a whole number, got \"three\"")), all.toString());
    }

    @Test
    void a_free_form_tool_schema_checks_nothing() throws Exception {
        JsonNode args = JSON.readTree("{\"anything\":1}");
        assertEquals(List.of(), Schemas.problems(JSON.createObjectNode().put("type", "object"), args));
    }
}
