package io.celeriac.ai.model;

import java.util.Locale;

/**
 * Where an AI task stands. Allowed moves: active -> paused | completed | failed | cancelled;
 * paused -> active | cancelled. Completed, failed and cancelled are final.
 */
public enum TaskStatus {
    ACTIVE, PAUSED, COMPLETED, FAILED, CANCELLED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
