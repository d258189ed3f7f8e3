package io.celeriac.core.worker;

import io.celeriac.core.CeleriacException;
import java.time.Duration;

/** A task ran past its time limit and was interrupted (Celery's {@code TimeLimitExceeded}). */
public final class TimeLimitExceeded extends CeleriacException {
    public TimeLimitExceeded(Duration limit) {
        super("task exceeded its time limit of " + limit.toMillis() + " ms");
    }
}
