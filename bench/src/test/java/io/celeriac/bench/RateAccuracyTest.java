package io.celeriac.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The accuracy figures of {@code bench limits}, from start times. */
class RateAccuracyTest {

    @Test
    void starts_one_interval_apart_measure_the_rate_and_never_two_in_an_interval() {
        long[] starts = new long[11];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 1_000_000L + i * 100_000L; // every 100 ms
        }
        RateAccuracy accuracy = RateAccuracy.of(starts, 100);
        assertEquals(10.0, accuracy.measuredPerS(), 1e-9);
        assertEquals(10.0, accuracy.steadyPerS(), 1e-9);
        assertEquals(10, accuracy.maxInAnySecond(), "a window is half-open: the 11th start is one second after the first");
        assertEquals(1, accuracy.maxInAnyInterval());
        assertEquals(100.0, accuracy.minGapMillis(), 1e-9);
    }

    @Test
    void a_burst_shows_in_the_windows() {
        long[] starts = {0, 10, 20, 1_000_000, 2_000_000};
        RateAccuracy accuracy = RateAccuracy.of(starts, 100);
        assertEquals(3, accuracy.maxInAnyInterval());
        assertEquals(3, accuracy.maxInAnySecond());
        assertEquals(0.01, accuracy.minGapMillis(), 1e-9);
    }
}
