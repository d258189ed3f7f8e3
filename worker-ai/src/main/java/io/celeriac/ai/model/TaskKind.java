package io.celeriac.ai.model;

import java.util.Locale;

/** What the user asked for: a reminder, a one-off automated task, or a periodic task. */
public enum TaskKind {
    REMINDER, AUTOMATED, PERIODIC;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskKind of(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
