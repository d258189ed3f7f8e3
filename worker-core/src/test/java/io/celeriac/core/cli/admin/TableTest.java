package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columns_are_padded_to_the_widest_cell_and_numbers_align_right() {
        StringWriter out = new StringWriter();
        new Table("QUEUE", "READY", "CONSUMERS").row("celery", 12, "w1").row("emails", 3, null).print(new PrintWriter(out));
        assertEquals("""
                QUEUE   READY  CONSUMERS
                celery     12  w1
                emails      3  -
                """, out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void durations_read_short_and_relative_times_say_ago_or_in() {
        assertEquals("850ms", Show.duration(Duration.ofMillis(850)));
        assertEquals("3m05s", Show.duration(Duration.ofSeconds(185)));
        assertEquals("2h10m", Show.duration(Duration.ofMinutes(130)));
        assertEquals("3d4h", Show.duration(Duration.ofHours(76)));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals("12s ago", Show.relative(now.minusSeconds(12), now));
        assertEquals("in 5m00s", Show.relative(now.plusSeconds(300), now));
    }
}
