package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import io.celeriac.core.flow.QueueWeights;
import io.celeriac.core.internal.Backoffs;
import io.celeriac.core.loop.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 *   <li>fetch that many messages across all queues not paused fleet-wide, most urgent bucket
 *       first, the queues of one bucket in rotating order (kombu's round robin) or by their
 *       weights ({@link QueueWeights}; strict weights serve queue by queue); a message over the
 *       size limit is dead-lettered by the broker itself and only reported here;</li>
 *   <li>hand what came to the runners; give back the slots nothing came for;</li>
 *   <li>when nothing came, arm the broker's watch and sleep until it says a list changed (or, while
 *       the watch is down, poll); a message that arrived meanwhile is seen by the arming itself.
 *       An idle worker costs Redis one PING per {@link #RECHECK} here, whatever it consumes.</li>
 * </ol>
 *
 * <p>A tick is recorded after every fetch that reached Redis, and while all slots are busy (then it
 * is the runners' turn), never after a failed one: health sees a fetcher that cannot fetch.
 */
final class Fetcher {
    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);
    private static final int MAX_BATCH = 256;
    /** How often an idle worker looks without being woken while its watch is down. */
    private static final Duration POLL = Duration.ofMillis(250);
    /** And while it is live: how often it checks that the watch still holds (one PING). */
    private static final Duration RECHECK = Duration.ofSeconds(30);

    private final Broker broker;
    private final String worker;
    /** What it consumes, swapped whole so a fetch never sees queues and sources that disagree. */
    private volatile Consuming consuming;
    /** Every source ever consumed: what lease recovery must look at after a queue was cancelled. */
    private final java.util.Set<Source> everConsumed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final int maxBytes;
    private final Consumer<Delivery> intake;
    private final Consumer<Delivery> refused;
    private final Waiter waiter = new Waiter();
    private volatile boolean running;
    private volatile long lastTickNanos = System.nanoTime();
    /** True while sleeping on a live watch: idle, and sure to be woken, so healthy however long. */
    private volatile boolean watching;
    private volatile Broker.Watch watch;
    private Thread thread;
    private int rotation;
    /** Set when what it fetches from changed: the fetch thread watches the new lists. */
    private volatile boolean rewatch;
    /** Queues paused fleet-wide: not fetched from, not watched. */
    private volatile Set<String> paused = Set.of();
    /** Null: round robin. */
    private volatile QueueWeights weights;
    private java.util.random.RandomGenerator random;

    /**
     * @param intake  receives each fetched message (a runner will free its slot)
     * @param refused told of each message the broker dead-lettered for its size (no slot taken)
     */
    Fetcher(Broker broker, String worker, List<String> queues, Semaphore slots, int maxBytes,
            Consumer<Delivery> intake, Consumer<Delivery> refused) {
        this.broker = broker;
        this.worker = worker;
        this.consuming = consuming(queues);
        everConsumed.addAll(consuming.sources());
        this.slots = slots;
        this.maxBytes = maxBytes;
        this.intake = intake;
        this.refused = refused;
    }

    /** Every list this worker consumes with its in-flight list, in the broker's order. */
    List<Source> sources() {
        return consuming.sources();
    }

    /**
     * @param queues  every queue consumed
     * @param sources their lists, step-major
     * @param active  the queues not paused, in the order given
     * @param fetched their lists, step-major
     */
    private record Consuming(List<String> queues, List<Source> sources, List<String> active, List<Source> fetched) {
    }

    private Consuming consuming(List<String> queues) {
        Set<String> pausedNow = paused;
        List<String> active = queues.stream().filter(q -> !pausedNow.contains(q)).toList();
        return new Consuming(List.copyOf(queues), List.copyOf(broker.sources(worker, queues)), active,
                List.copyOf(broker.sources(worker, active)));
    }

    /** Chooses among the queues by weight from the next fetch on ({@code null}: round robin). */
    void choosing(QueueWeights weights, java.util.random.RandomGenerator random) {
        this.random = random;
        this.weights = weights;
    }

    /** Stops fetching from {@code pausedQueues} (and resumes the others) from the next fetch on. */
    synchronized void paused(Set<String> pausedQueues) {
        paused = Set.copyOf(pausedQueues);
        consume(consuming.queues());
    }

    /** Whether {@code queue} is consumed but paused now. */
    boolean pausing(String queue) {
        return paused.contains(queue) && consuming.queues().contains(queue);
    }

    /** Every list it ever consumed (a cancelled queue's in-flight messages still need recovering). */
    List<Source> everConsumed() {
        return List.copyOf(everConsumed);
    }

    List<String> queues() {
        return consuming.queues();
    }

    /** Consumes {@code newQueues} from the next fetch on (Celery's add_consumer and cancel_consumer). */
    synchronized void consume(List<String> newQueues) {
        Consuming next = consuming(newQueues);
        everConsumed.addAll(next.sources());
        consuming = next;
        // the fetch thread swaps the watch itself: closed under its feet, an arm in progress fails
        rewatch = true;
        waiter.wake();
    }

    /** On the fetch thread: watches what it now fetches from, after a change of queues or pauses. */
    private void refreshWatch() {
        if (!rewatch || !running) {
            return;
        }
        rewatch = false;
        Broker.Watch old = watch;
        watch = broker.watch(consuming.fetched(), waiter::wake);
        if (old != null) {
            old.close();
        }
    }

    long lastTickNanos() {
        return watching ? System.nanoTime() : lastTickNanos;
    }

    /**
     * Sources in serving order for the next fetch, paused queues left out: step-major, queues
     * rotated by one each call or ordered by weight; with strict weights, queue-major.
     */
    List<Source> order() {
        Consuming now = consuming;
        List<Source> all = now.fetched();
        int n = now.active().size();
        QueueWeights chosen = weights;
        if (n <= 1) {
            return all;
        }
        if (chosen != null) {
            return weighted(all, now.active(), chosen);
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

    private List<Source> weighted(List<Source> all, List<String> active, QueueWeights chosen) {
        List<String> queues = chosen.order(active, random);
        int n = active.size();
        List<Source> ordered = new ArrayList<>(all.size());
        if (chosen.strict()) {
            for (String queue : queues) {
                int q = active.indexOf(queue);
                for (int s = 0; s < all.size() / n; s++) {
                    ordered.add(all.get(s * n + q));
                }
            }
            return ordered;
        }
        for (int s = 0; s < all.size() / n; s++) {
            for (String queue : queues) {
                ordered.add(all.get(s * n + active.indexOf(queue)));
            }
        }
        return ordered;
    }

    void start() {
        running = true;
        rewatch = false;
        watch = broker.watch(consuming.fetched(), waiter::wake);
        thread = Thread.ofPlatform().daemon().name("celeriac-fetch").stackSize(256 * 1024).start(this::fetchLoop);
    }

    /**
     * One fetch of up to {@code max} messages into the intake (no slots taken: for tests and the
     * benchmark's direct drive). Returns how many came.
     */
    int runOnce(int max) {
        return handOver(fetch(max));
    }

    /** Nothing when every queue is paused (the watch then watches nothing, and a resume wakes it). */
    private List<Delivery> fetch(int max) {
        List<Source> order = order();
        return order.isEmpty() ? List.of() : broker.fetch(order, max, maxBytes);
    }

    /** Hands fetched deliveries to the runners (or reports the refused ones); returns how many were handed. */
    private int handOver(List<Delivery> got) {
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
        return handed;
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
                refreshWatch();
                taken = 1 + slots.drainPermits();
                if (taken > MAX_BATCH) {
                    slots.release(taken - MAX_BATCH);
                    taken = MAX_BATCH;
                }
                List<Delivery> got = fetch(taken);
                int handed = handOver(got);
                slots.release(taken - handed);
                taken = 0;
                backoff = Duration.ofMillis(100);
                if (got.isEmpty() && !watch.arm()) {
                    sleepUntilChanged();
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

    /**
     * Sleeps until the watch says a list changed (or, while it is down, for a poll interval). A
     * quiet recheck only asks the watch whether it still holds, one round trip however many lists
     * it watches; when it does not, the loop fetches and arms again.
     */
    private void sleepUntilChanged() throws InterruptedException {
        while (running) {
            lastTickNanos = System.nanoTime();
            boolean live = watch.live();
            watching = live;
            boolean woken;
            try {
                woken = waiter.await(live ? RECHECK : POLL);
            } finally {
                watching = false;
            }
            if (woken || !live || !watch.check()) {
                return;
            }
        }
    }

    /** Stops fetching, waiting up to {@code timeout} for the fetch in progress to come back. */
    void stop(Duration timeout) {
        running = false;
        waiter.wake();
        if (watch != null) {
            watch.close();
        }
        if (thread != null) {
            try {
                if (!thread.join(timeout)) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a watch the fetch thread swapped in while stopping is closed too (closing is idempotent)
        Broker.Watch last = watch;
        if (last != null) {
            last.close();
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
