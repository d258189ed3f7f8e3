package io.celeriac.exporter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One gauge name whose rows (label sets) come and go with what was read: a row not in the latest
 * reading is removed from the registry, so a queue that is gone, or a reading that failed, shows
 * as absent rather than as a stale value that looks fresh.
 */
final class GaugeTable {
    /** Holds a row's value for its gauge (strongly referenced: the registry only keeps a weak one by default). */
    private static final class Cell {
        volatile double value;
    }

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Map<Tags, Cell> cells = new HashMap<>();
    private final Map<Tags, Gauge> gauges = new HashMap<>();

    GaugeTable(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /** Makes the rows exactly {@code rows}. */
    synchronized void set(Map<Tags, Double> rows) {
        rows.forEach((tags, value) -> cells.computeIfAbsent(tags, this::register).value = value);
        Iterator<Map.Entry<Tags, Cell>> it = cells.entrySet().iterator();
        while (it.hasNext()) {
            Tags tags = it.next().getKey();
            if (!rows.containsKey(tags)) {
                registry.remove(gauges.remove(tags));
                it.remove();
            }
        }
    }

    /** One row without labels. */
    void set(double value) {
        set(Map.of(Tags.empty(), value));
    }

    void clear() {
        set(Map.of());
    }

    private Cell register(Tags tags) {
        Cell cell = new Cell();
        gauges.put(tags, Gauge.builder(name, cell, c -> c.value).description(description).tags(tags)
                .strongReference(true).register(registry));
        return cell;
    }
}
