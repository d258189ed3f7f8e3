package io.celeriac.core.health;

/** One thing a process needs: its name and whether it is fine right now (with a word on why not). */
public interface HealthCheck {

    String name();

    /** Null when healthy, else what is wrong. Must answer within about a second. */
    String problem();

    /** Figures shown beside the verdict (ages, counts), never secrets; empty by default. */
    default java.util.Map<String, Object> details() {
        return java.util.Map.of();
    }
}
