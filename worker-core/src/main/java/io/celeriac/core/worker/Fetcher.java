package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import io.celeriac.core.internal.Backoffs;
import io.celeriac.core.loop.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages from the worker's queues into its in-flight lists, never holding more than the
 * worker's capacity (a {@link Semaphore} of concurrency x prefetch slots; a runner frees its slot
 * when it finishes).
 *
 * <ol>
 *   <li>wait for at least one free slot, then take every free slot;</li>
 *   <li>fetch that many messages across all queues, most urgent bucket first, the queues of one
 *       bucket in rotating order (kombu's round robin); a message over the size limit is
 *       dead-lettered by the broker itself and only reported here;</li>
 *   <li>hand what came to the runners; give back the slots nothing came for;</li>
 *   <li>when nothing came, open the gate: one blocking fetcher per source list (BLMOVE, so the
 *       message is in flight the moment Redis hands it over) wakes the loop the instant a message
 *       arrives, and the loop also looks again after a second.</li>
 * </ol>
 *
 * <p>Blocking fetchers already waiting when work appears may each bring one message beyond the
 * capacity; they wait for a slot before handing it on, and the message stays safely in flight.
 *
 * <p>A tick is recorded after every fetch that reached Redis, and while all slots are busy (then it
 * is the runners' turn), never after a failed one: health sees a fetcher that cannot fetch.
 */
final class Fetcher {
    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);
    private static final int MAX_BATCH = 256;
    private static final Duration IDLE_RECHECK = Duration.ofSeconds(1);

    private final Broker broker;
    private final List<String> queues;
    private final List<Source> sources;
    private final String worker;
    private final Semaphore slots;
    private final Consumer<Delivery> intake;
    private final Consumer<Delivery> lateArrival;
    private final Consumer<Delivery> refused;
    private final int maxBytes;
    private final Waiter waiter = new Waiter();
    private final Gate idle = new Gate();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile long lastTickNanos = System.nanoTime();
    private int rotation;

    /**
     * @param intake      receives each fetched message (a runner will free its slot)
     * @param lateArrival receives a message a blocking fetcher brought after {@link #stop()}
     * @param refused     told of each message the broker dead-lettered for its size (no slot taken)
     */
    Fetcher(Broker broker, String worker, List<String> queues, Semaphore slots, int maxBytes,
            Consumer<Delivery> intake, Consumer<Delivery> lateArrival, Consumer<Delivery> refused) {
        this.broker = broker;
        this.worker = worker;
        this.queues = List.copyOf(queues);
        this.sources = List.copyOf(broker.sources(worker, queues));
        this.slots = slots;
        this.maxBytes = maxBytes;
        this.intake = intake;
        this.lateArrival = lateArrival;
        this.refused = refused;
    }

    /** Every list this worker consumes with its in-flight list, in the broker's order. */
    List<Source> sources() {
        return sources;
    }

    long lastTickNanos() {
        return lastTickNanos;
    }

    /** Sources in serving order for the next fetch: step-major, queues rotated by one each call. */
    List<Source> order() {
        List<Source> all = sources;
        int n = queues.size();
        if (n == 1) {
            return all;
        }
        int shift = Math.floorMod(rotation++, n);
        List<Source> ordered = new ArrayList<>(all.size());
        for (int s = 0; s < all.size() / n; s++) {
            for (int q = 0; q < n; q++) {
                ordered.add(all.get(s * n + (q + shift) % n));
            }
        }
        return ordered;
    }

    void start() {
        running = true;
        // Platform threads: a reply read on a virtual thread is first seen by the JDK's poller
        // thread, which then schedules the virtual one: a second wake-up on the pickup path.
        Thread.Builder builder = Thread.ofPlatform().daemon().stackSize(256 * 1024);
        threads.add(builder.name("celeriac-fetch").unstarted(this::fetchLoop));
        for (Source source : sources) {
            threads.add(builder.name("celeriac-await-" + source.queue()).unstarted(() -> awaitLoop(source)));
        }
        // all created before any runs: the first fetch may finish a worker (max tasks per child),
        // whose shutdown then walks this list
        threads.forEach(Thread::start);
    }

    /**
     * One fetch of up to {@code max} messages into the intake (no slots taken: for tests and the
     * benchmark's direct drive). Returns how many came.
     */
    int runOnce(int max) {
        List<Delivery> got = broker.fetch(order(), max, maxBytes);
        lastTickNanos = System.nanoTime();
        int taken = 0;
        for (Delivery delivery : got) {
            if (delivery.refused()) {
                refused.accept(delivery);
            } else {
                intake.accept(delivery);
                taken++;
            }
        }
        return taken;
    }

    private void fetchLoop() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            int taken = 0;
            try {
                if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    lastTickNanos = System.nanoTime();
                    continue;
                }
                taken = 1 + slots.drainPermits();
                if (taken > MAX_BATCH) {
                    slots.release(taken - MAX_BATCH);
                    taken = MAX_BATCH;
                }
                List<Delivery> got = broker.fetch(order(), taken, maxBytes);
                lastTickNanos = System.nanoTime();
                int handed = 0;
                for (Delivery delivery : got) {
                    if (delivery.refused()) {
                        refused.accept(delivery);
                    } else {
                        intake.accept(delivery);
                        handed++;
                    }
                }
                slots.release(taken - handed);
                taken = 0;
                backoff = Duration.ofMillis(100);
                if (got.isEmpty()) {
                    idle.open();
                    waiter.await(IDLE_RECHECK);
                } else {
                    idle.close();
                }
            } catch (InterruptedException e) {
                slots.release(taken);
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                slots.release(taken);
                log.atWarn().addKeyValue("error", e.toString()).log("fetch failed; retrying");
                sleepQuietly(backoff);
                backoff = Backoffs.doubled(backoff, Duration.ofSeconds(5));
            }
        }
    }

    private void awaitLoop(Source source) {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                if (!idle.awaitOpen(Duration.ofMillis(500)) || !running) {
                    continue;
                }
                Delivery delivery = broker.awaitOne(source, Duration.ofSeconds(1));
                backoff = Duration.ofMillis(200);
                if (delivery == null) {
                    continue;
                }
                if (!running) {
                    lateArrival.accept(delivery);
                    return;
                }
                idle.close();
                slots.acquire();
                intake.accept(delivery);
                waiter.wake();
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.atDebug().addKeyValue("source", source.list()).addKeyValue("error", e.toString()).log("blocking fetch failed");
                    sleepQuietly(backoff);
                    backoff = Backoffs.doubled(backoff, Duration.ofSeconds(5));
                }
            }
        }
    }

    /**
     * Stops fetching, waiting up to {@code timeout} for the fetch threads: blocking fetchers return
     * within their 1 s timeout while Redis answers; one stuck on a dead connection is left behind
     * (a daemon thread), and anything it still brings goes to {@code lateArrival}.
     */
    void stop(Duration timeout) {
        running = false;
        idle.open();
        waiter.wake();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            try {
                if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
