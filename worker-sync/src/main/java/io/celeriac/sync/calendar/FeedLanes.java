package io.celeriac.sync.calendar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Runs a run's feeds with bounded concurrency and fairly: one lane per user, each user's feeds
 * one after another in its lane, at most {@code concurrency} lanes at once, lanes in order of
 * each user's first source. A user with many slow feeds holds one lane, never all of them.
 */
final class FeedLanes {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private FeedLanes() {
    }

    /** Groups {@code sources} by user, keeping their order within a user. */
    static List<List<CalendarSource>> byUser(List<CalendarSource> sources) {
        Map<Long, List<CalendarSource>> lanes = new LinkedHashMap<>();
        sources.forEach(s -> lanes.computeIfAbsent(s.userId(), k -> new ArrayList<>()).add(s));
        return List.copyOf(lanes.values());
    }

    /**
     * Hands every lane to {@code runLane} on at most {@code concurrency} threads and returns when all
     * are done. Interrupted (the task's time limit, a revoke), it interrupts the lanes, tells them to
     * stop (the supplier given to {@code runLane}; OkHttp may swallow an interrupt) and throws
     * {@link CancellationException} with the interrupt flag set again.
     */
    static void run(List<List<CalendarSource>> lanes, int concurrency,
                    BiConsumer<List<CalendarSource>, BooleanSupplier> runLane) {
        if (lanes.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<List<CalendarSource>> queue = new ConcurrentLinkedQueue<>(lanes);
        Map<String, String> context = org.slf4j.MDC.getCopyOfContextMap(); // the task's id and name, for the lanes' logs
        int threads = Math.min(concurrency, lanes.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory());
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<?>> running = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(() -> {
                    if (context != null) {
                        org.slf4j.MDC.setContextMap(context);
                    }
                    for (List<CalendarSource> lane; !stop.get() && (lane = queue.poll()) != null; ) {
                        runLane.accept(lane, stop::get);
                    }
                }));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("calendar sync interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            // runLane isolates every source's failure; what escapes is the lane machinery's own
            throw new IllegalStateException("a calendar lane failed: " + e.getCause(), e.getCause());
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static ThreadFactory threadFactory() {
        int run = RUNS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "celeriac-calendar-" + run + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
