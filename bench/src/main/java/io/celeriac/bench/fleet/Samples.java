package io.celeriac.bench.fleet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a sample of milliseconds, rounded for the report. */
final class Samples {
    private final double[] sorted;

    Samples(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    double at(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** {@code <prefix>p50_ms}, p99 and max. */
    Map<String, Object> summary(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(prefix + "p50_ms", round(at(50), 2));
        out.put(prefix + "p99_ms", round(at(99), 2));
        out.put(prefix + "max_ms", round(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], 2));
        return out;
    }

    static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
