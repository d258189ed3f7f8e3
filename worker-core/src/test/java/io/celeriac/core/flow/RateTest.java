package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Celery's rate syntax, read as Celery reads it, and every other input refused with a clear error. */
class RateTest {

    @Property
    void a_whole_number_per_unit_is_one_token_every_unit_divided_by_it(@ForAll @IntRange(min = 1, max = 1_000_000) int count,
                                                                      @ForAll("units") String unit) {
        Rate rate = Rate.parse(count + "/" + unit);
        long unitMillis = switch (unit.strip().toLowerCase()) {
            case "s" -> 1000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        assertEquals((double) unitMillis / count, rate.intervalMillis(), 1e-9);
        assertEquals(1, rate.burst(), "Celery's bucket holds one token");
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("s", "m", "h", "S", "M", " h");
    }

    @Property
    void a_bare_number_is_per_second(@ForAll @IntRange(min = 1, max = 100_000) int count) {
        assertEquals(1000.0 / count, Rate.parse(String.valueOf(count)).intervalMillis(), 1e-9);
    }

    @Property
    void an_unknown_unit_is_named_in_the_error(@ForAll @IntRange(min = 1, max = 1000) int count, @ForAll("badUnits") String unit) {
        InvalidLimitException e = assertThrows(InvalidLimitException.class, () -> Rate.parse(count + "/" + unit));
        assertTrue(e.getMessage().contains("unknown unit"), e.getMessage());
    }

    @Provide
    Arbitrary<String> badUnits() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(4).alpha()
                .filter(u -> !u.equalsIgnoreCase("s") && !u.equalsIgnoreCase("m") && !u.equalsIgnoreCase("h"));
    }

    @Property
    void a_negative_rate_is_refused(@ForAll @IntRange(min = 1, max = 1_000_000) int count, @ForAll("units") String unit) {
        assertThrows(InvalidLimitException.class, () -> Rate.parse("-" + count + "/" + unit));
    }

    @Property(tries = 2000)
    void any_text_is_no_limit_a_positive_rate_or_an_invalid_limit_error(@ForAll String text) {
        try {
            Rate rate = Rate.parse(text);
            assertTrue(rate == null || rate.count() > 0 && rate.intervalMillis() > 0, text);
        } catch (InvalidLimitException expected) {
            assertTrue(expected.getMessage().startsWith("rate limit"), expected.getMessage());
        }
    }

    @Property
    void any_text_shaped_like_a_rate_round_trips_through_its_text(@ForAll @IntRange(min = 1, max = 9999) int count,
                                                                  @ForAll("units") String unit) {
        Rate rate = Rate.parse(count + "/" + unit);
        assertEquals(rate, Rate.parse(rate.text()));
    }

    @Example
    void no_limit_is_null_as_in_celery() {
        assertNull(Rate.parse(null));
        assertNull(Rate.parse(""));
        assertNull(Rate.parse("0"));
        assertNull(Rate.parse("0/m"));
    }

    @Example
    void the_issues_examples() {
        assertEquals(100.0, Rate.parse("10/s").intervalMillis(), 1e-9);
        assertEquals(600.0, Rate.parse("100/m").intervalMillis(), 1e-9);
        assertEquals(3600.0, Rate.parse("1000/h").intervalMillis(), 1e-9);
        assertEquals(2000.0, Rate.parse("0.5/s").intervalMillis(), 1e-9);
        assertThrows(InvalidLimitException.class, () -> Rate.parse("10/x"));
        assertThrows(InvalidLimitException.class, () -> Rate.parse("-1/s"));
        assertThrows(InvalidLimitException.class, () -> Rate.parse("NaN/s"));
        assertThrows(InvalidLimitException.class, () -> Rate.parse("Infinity"));
        assertThrows(InvalidLimitException.class, () -> Rate.parse("2000000/s"), "faster than any limit anyone means");
    }
}
