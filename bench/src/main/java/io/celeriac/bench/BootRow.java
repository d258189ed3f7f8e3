package io.celeriac.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One line of {@code bench boot}'s report: one worker (Celeriac, or Celery prefork -c N) at one
 * queue depth, its measured runs, or why it has none.
 */
final class BootRow {
    private final String system;
    private final String label;
    private final int waiting;
    private final List<BootRun> runs = new ArrayList<>();
    private String failure;

    BootRow(String system, String label, int waiting) {
        this.system = system;
        this.label = label;
        this.waiting = waiting;
    }

    String system() {
        return system;
    }

    String label() {
        return label;
    }

    int waiting() {
        return waiting;
    }

    void add(BootRun run) {
        runs.add(run);
    }

    void fail(String reason) {
        failure = reason;
    }

    String failure() {
        return failure;
    }

    boolean measured() {
        return !runs.isEmpty();
    }

    /** The median of one figure over the runs (NaN runs left out), or NaN. */
    double median(ToDoubleFunction<BootRun> figure) {
        double[] values = runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return Timing.median(values);
    }

    /** Tasks per second, exec to the last result (boot included), from the median drain time. */
    double drainPerSecond() {
        return waiting / median(BootRun::lastResultS);
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("system", system);
        out.put("label", label);
        out.put("waiting", waiting);
        out.put("runs", runs.size());
        if (failure != null) {
            out.put("failed", failure);
        }
        if (!measured()) {
            return out;
        }
        out.put("first_result_s", summary(BootRun::firstResultS));
        out.put("drain_incl_boot_s", summary(BootRun::lastResultS));
        out.put("drain_incl_boot_per_s", Math.round(drainPerSecond()));
        out.put("launcher_s", summary(BootRun::launcherS));
        out.put("ready_s", summary(BootRun::readyS));
        out.put("peak_rss_mb", summary(BootRun::peakRssMb));
        out.put("idle_rss_mb", summary(BootRun::idleRssMb));
        out.put("idle_pss_mb", summary(BootRun::idlePssMb));
        out.put("idle_threads", summary(r -> r.idleThreads()));
        out.put("processes", runs.getLast().processes());
        return out;
    }

    private Map<String, Object> summary(ToDoubleFunction<BootRun> figure) {
        double[] values = runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).toArray();
        return Timing.summary(values);
    }
}
