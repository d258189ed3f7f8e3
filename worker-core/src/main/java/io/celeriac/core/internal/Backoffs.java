package io.celeriac.core.internal;

import java.time.Duration;

/** The reconnect backoff every loop uses: double the wait after each failure, up to a cap. */
public final class Backoffs {
    private Backoffs() {
    }

    public static Duration doubled(Duration current, Duration cap) {
        Duration next = current.multipliedBy(2);
        return next.compareTo(cap) > 0 ? cap : next;
    }
}
