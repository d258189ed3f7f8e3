package io.celeriac.core.component;

import java.util.Map;
import java.util.Optional;

/**
 * A process's settings for its components, as names and text (for example {@code database.url}):
 * what the command line and environment say, read by the component that understands them.
 */
public record Settings(Map<String, String> values) {
    public static final Settings EMPTY = new Settings(Map.of());

    public Settings {
        values = Map.copyOf(values);
    }

    public static Settings of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in name, value pairs");
        }
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Settings(map);
    }

    /** The setting's text; empty when absent or blank. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
