package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Unique keys from arguments, and the {@code celeriac_unique} header a Python sender writes (user input). */
class UniqueKeysTest {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property
    void the_key_does_not_depend_on_the_order_of_keyword_arguments(
            @ForAll @Size(min = 1, max = 8) List<@AlphaChars @StringLength(min = 1, max = 8) String> names,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        ObjectNode forward = NODES.objectNode();
        names.forEach(n -> forward.put(n, n.length()));
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        ObjectNode backward = NODES.objectNode();
        shuffled.forEach(n -> backward.put(n, n.length()));
        Unique unique = Unique.untilExecuted(Duration.ofMinutes(1));
        assertEquals(UniqueKeys.keyOf(unique, "t", "id1", NODES.arrayNode(), forward),
                UniqueKeys.keyOf(unique, "t", "id2", NODES.arrayNode(), backward));
    }

    @Test
    void other_arguments_or_another_task_make_another_key() {
        Unique unique = Unique.untilExecuted(Duration.ofMinutes(1));
        String key = UniqueKeys.keyOf(unique, "t", "i", NODES.arrayNode().add(1), NODES.objectNode());
        assertNotEquals(key, UniqueKeys.keyOf(unique, "t", "i", NODES.arrayNode().add(2), NODES.objectNode()));
        assertNotEquals(key, UniqueKeys.keyOf(unique, "u", "i", NODES.arrayNode().add(1), NODES.objectNode()));
        assertNotEquals(key, UniqueKeys.keyOf(unique, "t", "i", NODES.arrayNode().add("1"), NODES.objectNode()), "1 is not '1'");
        assertTrue(key.startsWith("task:t:"), key);
    }

    @Property
    void a_header_reads_back_what_was_written(@ForAll @AlphaChars @StringLength(min = 1, max = 256) String key,
                                              @ForAll UniqueMode mode, @ForAll @IntRange(min = 1, max = 10_000_000) int ttlMillis) {
        UniqueKeys.Lock lock = UniqueKeys.read(UniqueKeys.header(key, mode, Duration.ofMillis(ttlMillis)));
        assertEquals(new UniqueKeys.Lock(key, mode, Duration.ofMillis(ttlMillis)), lock);
    }

    @Test
    void no_header_asks_for_no_lock_and_a_python_header_without_mode_is_until_executed() throws Exception {
        assertNull(UniqueKeys.read(null));
        JsonNode python = Json.mapper().readTree("{\"key\": \"user-42\", \"ttl\": 3600}");
        assertEquals(new UniqueKeys.Lock("user-42", UniqueMode.UNTIL_EXECUTED, Duration.ofHours(1)), UniqueKeys.read(python));
    }

    @Test
    void malformed_headers_are_refused_with_a_reason() throws Exception {
        for (String bad : List.of("\"text\"", "[]", "{}", "{\"key\": 1, \"ttl\": 1}", "{\"key\": \"k\"}",
                "{\"key\": \"k\", \"ttl\": 0}", "{\"key\": \"k\", \"ttl\": \"soon\"}", "{\"key\": \"k\", \"ttl\": 1, \"mode\": \"forever\"}",
                "{\"key\": \"" + "k".repeat(300) + "\", \"ttl\": 1}", "{\"key\": \" \", \"ttl\": 1}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> UniqueKeys.read(Json.mapper().readTree(bad)), bad);
            assertTrue(!e.getMessage().isBlank(), bad);
        }
    }

    @Test
    void modes_have_the_documented_wire_names() {
        assertEquals(List.of("until_executed", "until_started", "while_executing", "debounce", "throttle"),
                java.util.Arrays.stream(UniqueMode.values()).map(UniqueMode::wireName).toList());
    }
}
