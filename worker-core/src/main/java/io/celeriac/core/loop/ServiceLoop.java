package io.celeriac.core.loop;

import io.celeriac.core.internal.Backoffs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LoopBody} on its own virtual thread until closed.
 *
 * <ol>
 *   <li>call {@code runOnce()}; it returns how long to wait; a tick is recorded (only on success, so
 *       health sees a loop that keeps failing);</li>
 *   <li>on an exception, log it (at most once per 10 s per loop, counting the rest) and back off
 *       exponentially from 100 ms to 5 s, so a Redis outage neither kills the loop nor floods the log;</li>
 *   <li>wait that long, or less when {@link #wake()} is called (a loop resting as its last
 *       successful turn asked counts as ticking: a loop may rest long, as the fleet's forwarder
 *       standing by does, without looking stuck);</li>
 *   <li>repeat until {@link #close()}.</li>
 * </ol>
 */
public final class ServiceLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceLoop.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final String name;
    private final LoopBody body;
    private final Waiter waiter = new Waiter();
    private volatile boolean stopped;
    private volatile long lastTickNanos = System.nanoTime();
    /** True while waiting as a successful turn asked (not backing off after a failure). */
    private volatile boolean resting;
    private Thread thread;

    public ServiceLoop(String name, LoopBody body) {
        this.name = name;
        this.body = body;
    }

    public ServiceLoop start() {
        thread = Thread.ofVirtual().name("celeriac-" + name).start(this::run);
        return this;
    }

    public void wake() {
        waiter.wake();
    }

    /**
     * Nanos (System.nanoTime) of the last successful iteration, for liveness checks; now while the
     * loop rests after one. Stuck in an iteration, or failing, it ages.
     */
    public long lastTickNanos() {
        return resting ? System.nanoTime() : lastTickNanos;
    }

    public String name() {
        return name;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        long lastLog = System.nanoTime() - LOG_EVERY_NANOS;
        int suppressed = 0;
        while (!stopped) {
            Duration wait;
            boolean succeeded = false;
            try {
                wait = body.runOnce();
                backoff = Duration.ofMillis(100);
                lastTickNanos = System.nanoTime();
                succeeded = true;
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
                wait = backoff;
            } catch (Exception | Error e) {
                long now = System.nanoTime();
                if (now - lastLog >= LOG_EVERY_NANOS) {
                    log.atWarn().addKeyValue("loop", name).addKeyValue("suppressed", suppressed)
                            .addKeyValue("error", e.toString()).log("background loop failed; retrying");
                    lastLog = now;
                    suppressed = 0;
                } else {
                    suppressed++;
                }
                wait = backoff;
                backoff = Backoffs.doubled(backoff, Duration.ofSeconds(5));
            }
            resting = succeeded;
            try {
                waiter.await(wait);
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
            } finally {
                if (succeeded) {
                    lastTickNanos = System.nanoTime();
                }
                resting = false;
            }
        }
    }

    /** Asks the loop to stop after its current iteration, without waiting. */
    public void signalStop() {
        stopped = true;
        waiter.wake();
    }

    /**
     * Waits up to {@code timeout} for the loop to end, then interrupts it: an iteration stuck on an
     * unreachable Redis must not hold up a shutdown. True when it ended in time.
     */
    public boolean awaitStopped(Duration timeout) {
        if (thread == null) {
            return true;
        }
        try {
            if (thread.join(timeout.isNegative() ? Duration.ZERO : timeout)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        return false;
    }

    @Override
    public void close() {
        signalStop();
        awaitStopped(Duration.ofSeconds(2));
    }
}
