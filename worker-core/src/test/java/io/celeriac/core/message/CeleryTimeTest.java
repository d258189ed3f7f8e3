package io.celeriac.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CeleryTimeTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    @Test
    void writesWhatTheFormatterWritesForAnyInstantOfYearsOneTo9999() {
        SplittableRandom random = new SplittableRandom(3);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000));
            assertEquals(REFERENCE.format(instant), CeleryTime.format(instant), instant::toString);
        }
    }

    @Test
    void edgesAndTheShapeCeleryWrites() {
        assertEquals("1970-01-01T00:00:00.000000+00:00", CeleryTime.format(Instant.EPOCH));
        assertEquals("2026-12-02T03:11:17.123456+00:00", CeleryTime.format(Instant.parse("2026-12-02T03:11:17.123456789Z")));
        assertEquals("9999-12-31T23:59:59.999999+00:00", CeleryTime.format(Instant.parse("9999-12-31T23:59:59.999999999Z")));
    }

    @Test
    void yearsOutsideOneTo9999FallBackToTheFormatter() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertEquals(REFERENCE.format(far), CeleryTime.format(far));
        Instant beforeCommonEra = Instant.parse("-0001-06-01T00:00:00Z");
        assertEquals(REFERENCE.format(beforeCommonEra), CeleryTime.format(beforeCommonEra));
    }

    @Test
    void readsWhatItWrites() {
        Instant instant = Instant.parse("2026-03-29T01:30:00.250001Z");
        assertEquals(instant, CeleryTime.parse(CeleryTime.format(instant)));
    }
}
