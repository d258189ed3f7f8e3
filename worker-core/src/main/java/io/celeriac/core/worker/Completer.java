package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.CompletionReport;
import io.celeriac.core.internal.Backoffs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes task outcomes in batches: while one batch is on the wire, the next accumulates, so under
 * load one round trip carries hundreds of outcomes (group commit), and an idle worker still writes
 * each outcome at once. Every outcome is fenced by possession (see {@link Broker#complete}).
 *
 * <ol>
 *   <li>wait for a completion;</li>
 *   <li>take every completion waiting behind it, up to {@value #MAX_OPS} writes;</li>
 *   <li>apply them in one atomic step; count the ones fenced out (the worker had lost those
 *       messages) and log writes Redis refused; on failure keep the batch and try again with
 *       backoff (nothing is dropped: until applied, the messages stay in flight).</li>
 * </ol>
 *
 * <p>A tick is recorded only when a batch was applied or there was nothing to apply, so health sees
 * a completer that keeps failing.
 */
final class Completer {
    private static final Logger log = LoggerFactory.getLogger(Completer.class);
    static final int MAX_OPS = 1024;
    /** Put in the queue by {@link #stop}, so an idle completer leaves at once. */
    private static final Completion STOP = new Completion(null, false, List.of());

    private final Broker broker;
    private final WorkerStats stats;
    private final LinkedBlockingQueue<Completion> pending = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private volatile long lastTickNanos = System.nanoTime();
    private Thread thread;

    Completer(Broker broker, WorkerStats stats) {
        this.broker = broker;
        this.stats = stats;
    }

    void submit(Completion completion) {
        pending.add(completion);
    }

    void start() {
        thread = Thread.ofVirtual().name("celeriac-completer").start(this::run);
    }

    long lastTickNanos() {
        return lastTickNanos;
    }

    /** Completions waiting to be written. */
    int backlog() {
        return pending.size();
    }

    /** Applies everything submitted so far, once (tests and the benchmark drive this directly). */
    void runOnce() {
        List<Completion> batch = new ArrayList<>();
        while (pending.drainTo(batch, 256) > 0) {
            batch.removeIf(c -> c == STOP);
            apply(batch);
            batch.clear();
        }
    }

    private void run() {
        List<Completion> batch = new ArrayList<>();
        while (!stopped) {
            try {
                Completion first = pending.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    lastTickNanos = System.nanoTime();
                    continue;
                }
                if (first == STOP) {
                    return;
                }
                batch.add(first);
                int ops = first.ops().size() + 1;
                Completion next;
                while (ops < MAX_OPS && (next = pending.poll()) != null) {
                    if (next == STOP) {
                        stopped = true;
                        break;
                    }
                    batch.add(next);
                    ops += next.ops().size() + 1;
                }
                applyWithRetry(batch, Long.MAX_VALUE);
                batch.clear();
            } catch (InterruptedException e) {
                // stop() interrupts a completer stuck retrying; what it held is put back for the final drain
                pending.addAll(batch);
                batch.clear();
            }
        }
    }

    /** Applies {@code batch}, retrying with backoff until it lands or {@code deadlineNanos} passes; true if it landed. */
    private boolean applyWithRetry(List<Completion> batch, long deadlineNanos) throws InterruptedException {
        Duration backoff = Duration.ofMillis(50);
        long lastLog = 0;
        boolean retrying = false;
        while (true) {
            try {
                apply(batch, retrying);
                return true;
            } catch (RuntimeException e) {
                retrying = true;
                long now = System.nanoTime();
                if (now - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                    log.atWarn().addKeyValue("outcomes", batch.size()).addKeyValue("error", e.toString())
                            .log("cannot write task outcomes; retrying");
                    lastLog = now;
                }
                if (now + backoff.toNanos() > deadlineNanos) {
                    return false;
                }
                Thread.sleep(backoff);
                backoff = Backoffs.doubled(backoff, Duration.ofSeconds(2));
            }
        }
    }

    private void apply(List<Completion> batch) {
        apply(batch, false);
    }

    /**
     * {@code retrying}: an earlier attempt at this batch failed. It may have failed only on the way
     * back (a connection cut by a failover after Redis applied it): then this attempt finds the
     * messages already acked and is fenced out, though nothing was lost, and the log says so
     * rather than blaming a lost lease.
     */
    private void apply(List<Completion> batch, boolean retrying) {
        CompletionReport report = broker.complete(batch);
        lastTickNanos = System.nanoTime();
        if (!report.fenced().isEmpty()) {
            stats.fenced.add(report.fenced().size());
            if (retrying) {
                log.atWarn().addKeyValue("outcomes", report.fenced().size())
                        .log("outcomes not written again: the failed attempt before most likely wrote them (Redis applied it "
                                + "and its reply was lost), else this worker lost their messages' lease meanwhile");
            } else {
                log.atWarn().addKeyValue("outcomes", report.fenced().size())
                        .log("outcomes not written: this worker no longer held their messages (its lease was lost and they were requeued)");
            }
        }
        for (String refused : report.refused()) {
            log.atError().addKeyValue("error", refused).log("Redis refused a task outcome write; what it held was dead-lettered");
        }
    }

    /**
     * Writes what is left and stops, giving up at {@code timeout}: outcomes that cannot be written
     * by then (Redis down) leave their messages in flight, where lease recovery finds them. Returns
     * the number of outcomes left unwritten.
     */
    int stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        stopped = true;
        pending.add(STOP);
        if (thread != null) {
            try {
                // let a batch on the wire land; interrupt only a completer stuck retrying (Redis down)
                if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Completion> batch = new ArrayList<>();
        pending.drainTo(batch);
        batch.removeIf(c -> c == STOP);
        try {
            for (int from = 0; from < batch.size(); from += 256) {
                List<Completion> part = batch.subList(from, Math.min(batch.size(), from + 256));
                if (!applyWithRetry(part, deadline)) {
                    return batch.size() - from;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return batch.size();
        }
        return 0;
    }
}
