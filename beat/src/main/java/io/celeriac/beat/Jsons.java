package io.celeriac.beat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.internal.Json;
import java.util.List;
import java.util.Map;

/** Converts an entry's JSON arguments to the plain values {@code TaskSender.send} takes. */
final class Jsons {
    private static final ObjectMapper JSON = Json.mapper();

    private Jsons() {
    }

    static List<Object> toList(JsonNode array) {
        return JSON.convertValue(array, new TypeReference<>() { });
    }

    static Map<String, Object> toMap(JsonNode object) {
        return JSON.convertValue(object, new TypeReference<>() { });
    }
}
