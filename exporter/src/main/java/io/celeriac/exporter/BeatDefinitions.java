package io.celeriac.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.internal.Json;
import java.io.IOException;

/** Whether a stored beat entry is enabled: the operator's override wins over the definition's flag (as the beat decides). */
final class BeatDefinitions {
    private BeatDefinitions() {
    }

    static boolean enabled(String override, String definition) {
        if (override != null && !override.isEmpty()) {
            return "enabled".equals(override);
        }
        if (definition == null) {
            return false;
        }
        try {
            JsonNode flag = Json.mapper().readTree(definition).path("enabled");
            return !flag.isBoolean() || flag.booleanValue();
        } catch (IOException e) {
            // the beat ignores an entry it cannot read: so does the overdue reckoning
            return false;
        }
    }
}
