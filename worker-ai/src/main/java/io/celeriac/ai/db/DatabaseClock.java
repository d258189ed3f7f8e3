package io.celeriac.ai.db;

import io.celeriac.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * PostgreSQL's clock, the one every worker and CLI call of the AI module agrees on: due checks,
 * next runs, stale runs and every timestamp stored are read on it, so a host whose clock is off
 * neither claims an occurrence early nor takes a live run for a dead one.
 *
 * <p>Reading {@code clock_timestamp()} on every call would cost a round trip each; instead the
 * server's time is read every {@link #REFRESH} and carried forward with the JVM's monotonic timer,
 * which a host's wall-clock steps do not move. The error is at most half a round trip.
 */
public final class DatabaseClock extends Clock {
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Object lock = new Object();
    private Instant anchor;
    private long anchorNanos;

    public DatabaseClock(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (anchor == null || now - anchorNanos > REFRESH.toNanos()) {
                long before = System.nanoTime();
                OffsetDateTime server = jdbi.withHandle(h -> h.createQuery("SELECT clock_timestamp()")
                        .mapTo(OffsetDateTime.class).one());
                long after = System.nanoTime();
                anchor = server.toInstant();
                anchorNanos = before + (after - before) / 2;
                now = after;
            }
            return anchor.plusNanos(now - anchorNanos);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the database clock is UTC");
    }
}
