package io.celeriac.bench;

import java.util.Arrays;

/**
 * How closely task start times kept to a rate: the measured rate over the run (first start to
 * last), and the most starts seen in any window of one second and of one token interval, beside
 * what the limit allows there.
 *
 * @param starts       tasks that started
 * @param measuredPerS (starts - 1) / (last start - first start)
 * @param steadyPerS   the same between the starts at 10% and at 90% of the run: without the first
 *                     start's head start and the last one's pickup delay, which a short run feels most
 * @param maxInAnySecond most starts in any window of one second
 * @param maxInAnyInterval most starts in any window of one token interval (1 when no burst)
 * @param minGapMillis the shortest gap between two consecutive starts
 */
record RateAccuracy(int starts, double measuredPerS, double steadyPerS, int maxInAnySecond, int maxInAnyInterval, double minGapMillis) {

    /** From start times in epoch microseconds (any order) and the limit's interval between tokens. */
    static RateAccuracy of(long[] startMicros, double intervalMillis) {
        long[] sorted = startMicros.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n < 2) {
            return new RateAccuracy(n, Double.NaN, Double.NaN, n, n, Double.NaN);
        }
        double seconds = (sorted[n - 1] - sorted[0]) / 1e6;
        double minGap = Double.MAX_VALUE;
        for (int i = 1; i < n; i++) {
            minGap = Math.min(minGap, (sorted[i] - sorted[i - 1]) / 1000.0);
        }
        int from = n / 10;
        int to = Math.max(from + 1, n - 1 - n / 10);
        double steady = (to - from) / ((sorted[to] - sorted[from]) / 1e6);
        return new RateAccuracy(n, (n - 1) / seconds, steady, mostWithin(sorted, 1_000_000L),
                mostWithin(sorted, Math.max(1L, (long) Math.floor(intervalMillis * 1000))), minGap);
    }

    /** The most starts in any half-open window [t, t + widthMicros) (two pointers over sorted times). */
    static int mostWithin(long[] sorted, long widthMicros) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < sorted.length; to++) {
            while (sorted[to] - sorted[from] >= widthMicros) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }
}
