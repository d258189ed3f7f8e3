package io.celeriac.ai.model;

import java.util.Locale;

/** One run's progress: pending (claimed) -> running -> succeeded | failed, or retrying -> running again. */
public enum RunStatus {
    PENDING, RUNNING, RETRYING, SUCCEEDED, FAILED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
