package io.celeriac.bench.fleet;

import io.celeriac.bench.Percentiles;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a sample of milliseconds, rounded for the report. */
final class Samples {
    private final Percentiles percentiles;

    Samples(double[] values) {
        this.percentiles = new Percentiles(values);
    }

    double at(double percentile) {
        return percentiles.at(percentile);
    }

    /** {@code <prefix>p50_ms}, p99 and max. */
    Map<String, Object> summary(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(prefix + "p50_ms", round(at(50), 2));
        out.put(prefix + "p99_ms", round(at(99), 2));
        out.put(prefix + "max_ms", round(percentiles.max(), 2));
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
