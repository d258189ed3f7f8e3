package io.celeriac.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wall and CPU times of the measured runs of one command (warm-ups left out), in seconds. */
record Timing(double[] wallSeconds, double[] cpuSeconds) {

    Timing {
        wallSeconds = wallSeconds.clone();
        cpuSeconds = cpuSeconds.clone();
    }

    static Map<String, Object> summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("median", round(median(sorted)));
        out.put("min", round(sorted.length == 0 ? Double.NaN : sorted[0]));
        out.put("max", round(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]));
        return out;
    }

    double wallMedian() {
        double[] sorted = wallSeconds.clone();
        Arrays.sort(sorted);
        return median(sorted);
    }

    double cpuMedian() {
        double[] sorted = cpuSeconds.clone();
        Arrays.sort(sorted);
        return median(sorted);
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Object round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }
}
