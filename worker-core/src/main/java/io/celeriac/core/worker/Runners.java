package io.celeriac.core.worker;

import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.internal.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker's runners: {@code concurrency} virtual threads that take deliveries from the intake
 * and run each as an {@link Execution} in a supervised step.
 *
 * <ol>
 *   <li>take a delivery (or shutdown's STOP);</li>
 *   <li>run it; whatever escapes (a worker bug, an Error) still ends the delivery in one outcome;</li>
 *   <li>free the slot (in a finally), hand the outcome's writes to the completer, tell the listener.</li>
 * </ol>
 *
 * <p>A runner thread that ends anyway is noticed by {@link #supervise()}, logged and replaced.
 */
final class Runners {
    private static final Logger log = LoggerFactory.getLogger(Runners.class);
    /** Put in the intake at shutdown, once per runner, to wake runners that wait for work. */
    private static final Delivery STOP = new Delivery("", "", "", new byte[0]);

    private final String workerName;
    private int concurrency;
    private final Semaphore slots;
    private final Executions executions;
    private final Consumer<Completion> completer;
    private final TaskListener listener;
    private final Consumer<Throwable> fatal;
    private final TaskEvents events;
    private final LinkedBlockingQueue<Delivery> intake = new LinkedBlockingQueue<>();
    private final Map<Thread, Execution> active = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder restarts = new LongAdder();
    private final MemoryBudget memory = MemoryBudget.ofHeap();
    private volatile boolean stopping;

    Runners(String workerName, int concurrency, Semaphore slots, Executions executions,
            Consumer<Completion> completer, TaskListener listener, Consumer<Throwable> fatal, TaskEvents events) {
        this.workerName = workerName;
        this.concurrency = concurrency;
        this.slots = slots;
        this.executions = executions;
        this.completer = completer;
        this.listener = listener;
        this.fatal = fatal;
        this.events = events;
    }

    synchronized void start() {
        for (int i = 0; i < concurrency; i++) {
            threads.add(startRunner(i));
        }
    }

    private Thread startRunner(int index) {
        return Thread.ofVirtual().name("celeriac-runner-" + index).start(this::loop);
    }

    /** Hands a fetched delivery to the runners (its slot is already taken). */
    void accept(Delivery delivery) {
        intake.add(delivery);
    }

    /** Deliveries held: running plus waiting for a runner. */
    long held() {
        return active.size() + intake.stream().filter(d -> d != STOP).count();
    }

    /** What runs now, for the heartbeat, revoke --terminate and health. */
    List<Execution> running() {
        return List.copyOf(active.values());
    }

    long restarts() {
        return restarts.sum();
    }

    /** Runner threads alive now (all of them, unless one died and has not been replaced yet). */
    synchronized int alive() {
        return (int) Math.min(concurrency, threads.stream().filter(Thread::isAlive).count());
    }

    /** Messages waiting for a runner (fetched, not started). */
    List<Delivery> waiting() {
        return intake.stream().filter(d -> d != STOP).toList();
    }

    /**
     * Sets the number of runners: more start at once; fewer by asking the extra ones to leave after
     * their current task (one STOP each, taken by whichever runners are idle first).
     */
    synchronized void resize(int newConcurrency) {
        if (newConcurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + newConcurrency);
        }
        while (threads.size() < newConcurrency) {
            threads.add(startRunner(threads.size()));
        }
        for (int i = newConcurrency; i < concurrency; i++) {
            intake.add(STOP);
        }
        concurrency = newConcurrency;
    }

    synchronized int concurrency() {
        return concurrency;
    }

    /** Replaces any runner thread that ended while the worker is not stopping; returns how many. */
    synchronized int supervise() {
        int replaced = 0;
        // runners that left after a shrink are gone for good: forget them, then replace the dead
        for (java.util.Iterator<Thread> it = threads.iterator(); it.hasNext() && threads.size() > concurrency; ) {
            if (!it.next().isAlive()) {
                it.remove();
            }
        }
        for (int i = 0; i < threads.size() && !stopping; i++) {
            if (!threads.get(i).isAlive()) {
                log.atError().addKeyValue("runner", i).log("runner thread ended unexpectedly; starting a new one");
                threads.set(i, startRunner(i));
                restarts.increment();
                replaced++;
            }
        }
        return replaced;
    }

    private void loop() {
        MDC.put("worker", workerName);
        while (true) {
            Delivery delivery;
            try {
                // no timeout: an idle runner sleeps until there is work or shutdown's STOP
                delivery = intake.take();
            } catch (InterruptedException e) {
                continue;
            }
            if (delivery == STOP) {
                return;
            }
            step(delivery);
        }
    }

    private void step(Delivery delivery) {
        Execution execution = null;
        Outcome outcome;
        int reserved = 0;
        try {
            reserved = memory.reserve(delivery.raw().length);
            execution = executions.of(delivery);
            active.put(Thread.currentThread(), execution);
            outcome = stopping ? executions.requeued(delivery) : execution.run();
        } catch (VirtualMachineError error) {
            outcome = executions.lastResort(delivery, "the worker ran out of resources running this message (" + error + "); it was not retried");
            fatal.accept(error);
        } catch (Throwable bug) {
            log.atError().setCause(bug).addKeyValue("queue", delivery.queue()).log("worker error while handling a message; dead-lettered");
            outcome = executions.lastResort(delivery, "worker error while handling the message: " + LogSafe.of(bug.toString(), 300));
        } finally {
            active.remove(Thread.currentThread());
            Thread.interrupted();
            slots.release();
        }
        try {
            finish(delivery, execution, outcome);
        } finally {
            memory.release(reserved);
        }
    }

    private void finish(Delivery delivery, Execution execution, Outcome outcome) {
        if (outcome == null) {
            return;
        }
        if (!(outcome instanceof Outcome.NotHeld)) {
            completer.accept(new Completion(delivery, outcome.fenced(), outcome.ops()));
        }
        try {
            String task = execution == null ? null : execution.registeredTask();
            listener.finished(task, delivery.queue(), outcome.kind(), execution == null ? 0 : execution.runNanos(),
                    execution == null ? -1 : execution.latencyNanos());
            listener.ended(delivery, outcome);
            events.ended(execution == null ? null : execution.message(), delivery.queue(), outcome,
                    execution == null ? 0 : execution.runNanos());
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("task listener failed");
        }
    }

    /** From now on a delivery a runner takes goes back to its queue instead of running. */
    void stopTaking() {
        stopping = true;
    }

    /** Stops taking deliveries; returns those that were waiting (their slots are freed). */
    List<Delivery> quiesce() {
        stopping = true;
        List<Delivery> waiting = new ArrayList<>();
        intake.drainTo(waiting);
        waiting.removeIf(d -> d == STOP);
        slots.release(waiting.size());
        synchronized (this) {
            threads.forEach(thread -> intake.add(STOP));
        }
        return waiting;
    }

    /** Waits until every runner has ended, up to {@code timeout}; true if they all did. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(threads);
        }
        for (Thread runner : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !runner.join(Duration.ofNanos(left))) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Cancels every running execution for {@code why}. */
    void cancelAll(Cancellation why) {
        active.values().forEach(execution -> execution.cancel(why));
    }

    /** Cancels the running execution of {@code taskId}, if any; true when one was found. */
    boolean cancel(String taskId, Cancellation why) {
        boolean found = false;
        for (Execution execution : active.values()) {
            if (taskId.equals(execution.taskId())) {
                execution.cancel(why);
                found = true;
            }
        }
        return found;
    }
}
