package io.celeriac.core.metrics;

import java.util.Map;

/**
 * One gauge reading of a {@link FleetProbe}.
 *
 * @param name        dot.case, its unit as the last word ({@code celeriac.ai.due.oldest.seconds})
 * @param description what it measures, for the metric's HELP line
 * @param tags        bounded label values (channel, status), never an id
 */
public record FleetSample(String name, String description, Map<String, String> tags, double value) {
    public FleetSample {
        tags = Map.copyOf(tags);
    }
}
