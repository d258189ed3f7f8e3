package io.celeriac.exporter;

import io.celeriac.core.component.Settings;
import io.celeriac.core.metrics.FleetProbe;
import io.celeriac.core.metrics.FleetSample;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The modules' {@link FleetProbe}s this process is configured for, read in turn: each one's
 * samples become gauges, and {@code celeriac_exporter_probe_up{probe}} says whether its store
 * answered. A probe that fails has its gauges withdrawn and is logged once per change.
 */
final class FleetProbes implements AutoCloseable {
    private record Open(String name, FleetProbe.Reader reader, ReadState state, Map<String, GaugeTable> tables) {
    }

    private final MeterRegistry registry;
    private final List<Open> probes;
    private final GaugeTable up;

    private FleetProbes(MeterRegistry registry, List<Open> probes) {
        this.registry = registry;
        this.probes = probes;
        this.up = new GaugeTable(registry, "celeriac.exporter.probe.up", "1 when the module's store answered the exporter's last reading");
    }

    /** Opens every probe on the class path that {@code settings} configure; none connects yet. */
    static FleetProbes load(Settings settings, Clock clock, MeterRegistry registry) {
        List<Open> open = new ArrayList<>();
        for (FleetProbe probe : ServiceLoader.load(FleetProbe.class)) {
            FleetProbe.Reader reader = probe.open(settings, clock);
            if (reader != null) {
                open.add(new Open(probe.name(), reader, new ReadState(probe.name()), new HashMap<>()));
            }
        }
        return new FleetProbes(registry, open);
    }

    List<String> names() {
        return probes.stream().map(Open::name).toList();
    }

    void runOnce() {
        Map<Tags, Double> upRows = new LinkedHashMap<>();
        for (Open probe : probes) {
            try {
                publish(probe, probe.reader().read());
                probe.state().readable();
                upRows.put(Tags.of("probe", probe.name()), 1.0);
            } catch (RuntimeException e) {
                probe.tables().values().forEach(GaugeTable::clear);
                probe.state().unreadable(ReadState.describe(e));
                upRows.put(Tags.of("probe", probe.name()), 0.0);
            }
        }
        up.set(upRows);
    }

    private void publish(Open probe, List<FleetSample> samples) {
        Map<String, Map<Tags, Double>> byName = new LinkedHashMap<>();
        for (FleetSample sample : samples) {
            probe.tables().computeIfAbsent(sample.name(), n -> new GaugeTable(registry, n, sample.description()));
            Tags tags = Tags.empty();
            for (Map.Entry<String, String> tag : sample.tags().entrySet()) {
                tags = tags.and(tag.getKey(), tag.getValue());
            }
            byName.computeIfAbsent(sample.name(), n -> new LinkedHashMap<>()).put(tags, sample.value());
        }
        probe.tables().forEach((name, table) -> table.set(byName.getOrDefault(name, Map.of())));
    }

    @Override
    public void close() {
        probes.forEach(p -> p.reader().close());
    }
}
