package io.celeriac.core.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BrokerClockTest {
    static final Instant BROKER_NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void the_first_reading_after_binding_is_already_the_brokers_time() {
        Clock host = Clock.fixed(BROKER_NOW.minusSeconds(30), ZoneOffset.UTC); // a host 30 s behind
        AtomicInteger asked = new AtomicInteger();
        BrokerClock clock = new BrokerClock(host).bind(() -> {
            asked.incrementAndGet();
            return BROKER_NOW;
        });

        assertEquals(BROKER_NOW, clock.instant(), "corrected from the first reading, not after the first resync period");
        assertEquals(Duration.ofSeconds(30), clock.offset());
        clock.instant();
        assertEquals(BrokerClock.SAMPLES, asked.get(), "measured once per resync period (its best of a few readings)");
    }

    @Test
    void an_unbound_clock_is_the_hosts() {
        Clock host = Clock.fixed(BROKER_NOW, ZoneOffset.UTC);
        assertTrue(new BrokerClock(host).instant().equals(BROKER_NOW));
    }
}
