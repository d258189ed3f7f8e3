package io.celeriac.core.task;

import java.time.Duration;

/** Thrown by {@link TaskContext#retry}: run this task again after a countdown (Celery's {@code Retry}). */
public final class Retry extends RuntimeException {
    private final Duration countdown;

    public Retry(Duration countdown, Throwable cause) {
        super("retry in " + countdown.toMillis() + " ms" + (cause == null ? "" : ": " + cause), cause, false, false);
        this.countdown = countdown;
    }

    public Duration countdown() {
        return countdown;
    }
}
