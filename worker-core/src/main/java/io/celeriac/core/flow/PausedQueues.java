package io.celeriac.core.flow;

import io.celeriac.core.broker.Broker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's paused queues as one worker knows them, kept in memory so the fetcher pays nothing
 * per fetch. The broker's set is the truth; its announcement makes a change reach the worker at
 * once (within a pub/sub round trip, far under the one second promised), and the reload
 * ({@link #runOnce()}) catches an announcement missed while the subscription reconnected.
 *
 * <ol>
 *   <li>{@link #start()} subscribes, then reads the set (so nothing announced after the read is
 *       missed, and a pause made while the worker was down holds from its first fetch);</li>
 *   <li>each announcement applies its one change and tells the listener the whole new set;</li>
 *   <li>every {@link #RELOAD} the set is read again: one SMEMBERS, 0.05 commands/s idle.</li>
 * </ol>
 */
public final class PausedQueues {
    private static final Logger log = LoggerFactory.getLogger(PausedQueues.class);
    /** Between reloads; only a missed announcement waits this long. */
    public static final Duration RELOAD = Duration.ofSeconds(20);

    private final Broker broker;
    private final Consumer<Set<String>> listener;
    private final AtomicLong announcements = new AtomicLong();
    private volatile Set<String> paused = Set.of();
    private AutoCloseable subscription;

    /** @param listener told the whole set of paused queues after each change */
    public PausedQueues(Broker broker, Consumer<Set<String>> listener) {
        this.broker = broker;
        this.listener = listener;
    }

    public void start() {
        subscription = broker.onQueuePause(this::announced);
        runOnce();
    }

    public boolean contains(String queue) {
        return paused.contains(queue);
    }

    public Set<String> paused() {
        return paused;
    }

    /**
     * Reloads the set. An announcement heard while it was being read wins (the read may predate
     * it); the next reload settles what the read said.
     */
    public Duration runOnce() {
        long before = announcements.get();
        Set<String> current = broker.pausedQueues();
        synchronized (this) {
            if (announcements.get() == before && !current.equals(paused)) {
                apply(Set.copyOf(current));
            }
        }
        return RELOAD;
    }

    synchronized void announced(Broker.QueuePause change) {
        announcements.incrementAndGet();
        Set<String> next = new HashSet<>(paused);
        boolean changed = change.paused() ? next.add(change.queue()) : next.remove(change.queue());
        if (changed) {
            apply(Set.copyOf(next));
        }
    }

    private void apply(Set<String> next) {
        log.atInfo().addKeyValue("paused", String.join(",", new java.util.TreeSet<>(next))).log("paused queues changed");
        paused = next;
        listener.accept(next);
    }

    /** {@code celeriac.queue.paused} (queue): 1 while the queue is paused, for each queue given. */
    public void registerGauges(List<String> queues, MeterRegistry registry) {
        for (String queue : queues) {
            Gauge.builder("celeriac.queue.paused", this, p -> p.contains(queue) ? 1 : 0)
                    .description("1 while the queue is paused fleet-wide").tags("queue", queue).register(registry);
        }
    }

    public void stop() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.atDebug().addKeyValue("error", e.toString()).log("could not stop listening for queue pauses");
            }
        }
    }
}
