package io.celeriac.beat;

import java.util.Locale;

/** What an entry does about occurrences that passed while no beat ran (later than the misfire grace). */
public enum MisfirePolicy {
    /** Send one message for all of them, then carry on (Celery's behaviour); the default. */
    RUN_ONCE("run-once"),
    /** Send nothing for them; wait for the next occurrence. */
    SKIP("skip"),
    /**
     * Send each of them, once, oldest first, as far back as the catch-up window; older ones are
     * skipped. For schedules where every occurrence counts.
     */
    CATCH_UP("catch-up");

    private final String text;

    MisfirePolicy(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static MisfirePolicy parse(String text) {
        String normalized = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (MisfirePolicy policy : values()) {
            if (policy.text.equals(normalized)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a misfire policy (run-once, skip or catch-up)");
    }
}
