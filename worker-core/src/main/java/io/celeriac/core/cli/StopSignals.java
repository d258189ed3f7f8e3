package io.celeriac.core.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for a long-running command, as Celery handles them: the first asks for a warm
 * stop; a second one (an impatient operator, a supervisor's second try) exits at once. What was
 * still in flight then comes back through lease recovery, as after a crash.
 */
public final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    /** 128 + SIGINT's number, as shells report a process stopped by Ctrl-C. */
    static final int EXIT_ON_SECOND_SIGNAL = 130;

    private StopSignals() {
    }

    /**
     * On the first signal calls {@code stop} with the signal's name, and halts the JVM if the stop
     * has not ended it within {@code maxStop} (a last resort: the stop itself is bounded); on the
     * second halts at once.
     */
    public static void install(Consumer<String> stop, Duration maxStop) {
        AtomicBoolean first = new AtomicBoolean(true);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (first.getAndSet(false)) {
                    Thread.ofPlatform().daemon().name("celeriac-stop-watchdog").start(() -> watchdog(maxStop));
                    stop.accept("SIG" + name);
                } else {
                    log.atWarn().addKeyValue("signal", "SIG" + name)
                            .log("second stop signal: exiting now; messages still in flight return through lease recovery");
                    Runtime.getRuntime().halt(EXIT_ON_SECOND_SIGNAL);
                }
            });
        }
    }

    private static void watchdog(Duration maxStop) {
        try {
            Thread.sleep(maxStop);
        } catch (InterruptedException e) {
            return;
        }
        log.atError().addKeyValue("waited_ms", maxStop.toMillis())
                .log("stop did not finish in time: exiting now; messages still in flight return through lease recovery");
        Runtime.getRuntime().halt(1);
    }
}
