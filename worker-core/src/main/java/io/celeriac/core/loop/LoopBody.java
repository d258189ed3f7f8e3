package io.celeriac.core.loop;

import java.time.Duration;

/** One iteration of a background loop. */
@FunctionalInterface
public interface LoopBody {
    /** Does one round of work and says how long to wait before the next (it may be woken sooner). */
    Duration runOnce() throws Exception;
}
