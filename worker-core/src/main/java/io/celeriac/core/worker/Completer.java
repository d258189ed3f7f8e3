package io.celeriac.core.worker;

import io.celeriac.core.internal.Backoffs;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.redis.RedisBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes task outcomes to Redis in batches: while one batch is on the wire, the next accumulates,
 * so under load one round trip carries hundreds of acks and results (group commit), and an idle
 * worker still writes each outcome at once.
 *
 * <ol>
 *   <li>wait for a unit (the ops of one task, which must land together);</li>
 *   <li>take every unit waiting behind it, up to {@value #MAX_OPS} ops;</li>
 *   <li>apply them in one atomic script; on failure keep the batch and try again with backoff
 *       (nothing is dropped: until acked, the messages stay in flight).</li>
 * </ol>
 */
final class Completer {
    private static final Logger log = LoggerFactory.getLogger(Completer.class);
    static final int MAX_OPS = 1024;

    private final RedisBroker broker;
    private final LinkedBlockingQueue<List<BrokerOp>> pending = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private Thread thread;

    Completer(RedisBroker broker) {
        this.broker = broker;
    }

    void submit(List<BrokerOp> unit) {
        if (!unit.isEmpty()) {
            pending.add(unit);
        }
    }

    void start() {
        thread = Thread.ofVirtual().name("celeriac-completer").start(this::run);
    }

    /** Applies everything submitted so far; returns the number of ops written. */
    int runOnce() {
        int written = 0;
        List<List<BrokerOp>> units = new ArrayList<>();
        while (pending.drainTo(units, 256) > 0) {
            written += applyAll(units);
            units.clear();
        }
        return written;
    }

    private void run() {
        List<List<BrokerOp>> units = new ArrayList<>();
        while (!stopped || !pending.isEmpty()) {
            try {
                List<BrokerOp> first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                units.add(first);
                int ops = first.size();
                List<BrokerOp> next;
                while (ops < MAX_OPS && (next = pending.poll()) != null) {
                    units.add(next);
                    ops += next.size();
                }
                applyWithRetry(units);
                units.clear();
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
            }
        }
    }

    private void applyWithRetry(List<List<BrokerOp>> units) throws InterruptedException {
        Duration backoff = Duration.ofMillis(50);
        long lastLog = 0;
        while (true) {
            try {
                applyAll(units);
                return;
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                if (now - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                    log.atWarn().addKeyValue("ops", units.stream().mapToInt(List::size).sum())
                            .addKeyValue("error", e.toString()).log("cannot write task outcomes; retrying");
                    lastLog = now;
                }
                if (stopped && backoff.toMillis() >= 1600) {
                    log.atError().log("giving up on task outcomes at shutdown; their messages stay in flight and will be redelivered");
                    return;
                }
                Thread.sleep(backoff);
                backoff = Backoffs.doubled(backoff, Duration.ofSeconds(2));
            }
        }
    }

    private int applyAll(List<List<BrokerOp>> units) {
        List<BrokerOp> batch = new ArrayList<>();
        units.forEach(batch::addAll);
        broker.apply(batch);
        return batch.size();
    }

    /** Writes what is left and stops; waits up to {@code timeout}. */
    void stop(Duration timeout) {
        stopped = true;
        if (thread != null) {
            try {
                if (!thread.join(timeout)) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runOnce();
    }
}
