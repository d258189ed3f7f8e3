package io.celeriac.core.health;

import io.celeriac.core.loop.ServiceLoop;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Live while every background loop finished an iteration recently: a stuck loop means restart me. */
public final class LoopsTicking implements HealthCheck {
    private final Supplier<List<ServiceLoop>> loops;
    private final Duration maxSilence;

    public LoopsTicking(Supplier<List<ServiceLoop>> loops, Duration maxSilence) {
        this.loops = loops;
        this.maxSilence = maxSilence;
    }

    @Override
    public String name() {
        return "loops";
    }

    @Override
    public String problem() {
        long now = System.nanoTime();
        for (ServiceLoop loop : loops.get()) {
            long silent = now - loop.lastTickNanos();
            if (silent > maxSilence.toNanos()) {
                return loop.name() + " silent for " + silent / 1_000_000 + " ms";
            }
        }
        return null;
    }
}
