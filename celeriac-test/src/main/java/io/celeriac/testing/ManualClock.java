package io.celeriac.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it. Give it to an {@link EagerCeleriac} (which runs
 * what falls due when it is advanced through {@link EagerCeleriac#advance(Duration)}) or to
 * anything else that takes a {@link Clock}: {@code Celeriac.builder(url).clock(clock)},
 * {@code CeleriacWorker.builder(url).clock(clock)}. Thread-safe.
 */
public final class ManualClock extends Clock {
    /** Where a clock made with {@link #ManualClock()} starts: a fixed instant, so runs repeat. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock forward by {@code by} (not backward: time in a test only goes on); returns the new now. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward, got " + by);
        }
        return now.updateAndGet(current -> current.plus(by));
    }

    /** Sets the clock to {@code instant}, which may not be earlier than now. */
    public void set(Instant instant) {
        now.updateAndGet(current -> {
            if (instant.isBefore(current)) {
                throw new IllegalArgumentException("a manual clock only moves forward: " + instant + " is before " + current);
            }
            return instant;
        });
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock (moving together) seen in another zone. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, newZone);
    }
}
