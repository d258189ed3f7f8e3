package io.celeriac.core.worker;

import io.celeriac.core.Version;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisBroker.Source;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.loop.ServiceLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One worker: fetches from its queues, runs tasks on {@code concurrency} virtual-thread runners and
 * writes their outcomes, while its loops keep the lease, recover dead workers and forward delayed
 * messages.
 *
 * <p>Stopping is Celery's warm shutdown: stop fetching; put messages not yet started back at the
 * front of their queues; let running tasks finish within the shutdown timeout; interrupt the rest
 * and put their messages back too; write the last outcomes; leave the worker set.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** Put in the intake at shutdown, once per runner, to wake runners that wait for work. */
    private static final Delivery STOP = new Delivery("", "", "", new byte[0]);

    private final WorkerSettings settings;
    private final WorkerDependencies deps;
    private final RedisBroker broker;
    private final WorkerStats stats = new WorkerStats();
    private final Semaphore slots;
    private final LinkedBlockingQueue<Delivery> intake = new LinkedBlockingQueue<>();
    private final Map<Thread, Delivery> running = new ConcurrentHashMap<>();
    private final Map<Thread, ActiveTask> active = new ConcurrentHashMap<>();
    private final RevokedTasks revoked;
    private final Completer completer;
    private final Fetcher fetcher;
    private final TaskExecution execution;
    private final LeaseRecoverer recoverer;
    private final ScheduledExecutorService timer;
    private final List<Thread> runners = new ArrayList<>();
    private final List<ServiceLoop> loops = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean stopping;

    public Worker(WorkerSettings settings, WorkerDependencies deps) {
        this.settings = settings;
        this.deps = deps;
        this.broker = deps.broker();
        this.slots = new Semaphore(settings.capacity());
        this.completer = new Completer(broker);
        this.fetcher = new Fetcher(broker, settings.name(), settings.queues(), slots, intake::add, this::requeue);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("celeriac-time-limit").factory());
        this.recoverer = new LeaseRecoverer(broker, deps.clock(), settings.leaseTimeout());
        this.revoked = new RevokedTasks(broker.redis(), broker.keys(), deps.clock());
        this.execution = new TaskExecution(new ExecutionEnvironment(settings.name(), deps.registry(), deps.codec(),
                broker.keys(), deps.sender(), deps.clock(), deps.random(), settings.resultExpires(),
                settings.resultExtended(), id -> revoked.contains(id) || deps.revoked().test(id), completer::submit,
                timer, stats, this::started, deps.listener(),
                new WorkflowSteps(deps.router(), deps.codec(), broker.keys(), deps.random(), settings.name())));
    }

    public WorkerSettings settings() {
        return settings;
    }

    public WorkerStats stats() {
        return stats;
    }

    /** Whether this worker has heard of a revocation (it hears by channel at once, or by reload within 5 s). */
    boolean knowsRevoked(String taskId) {
        return revoked.contains(taskId);
    }

    /** The background loops, for liveness checks. */
    public List<ServiceLoop> loops() {
        return List.copyOf(loops);
    }

    /** Messages held and not finished: running plus fetched and waiting for a runner. */
    public long inFlight() {
        return stats.active() + intake.stream().filter(delivery -> delivery != STOP).count();
    }

    /**
     * Registers the worker and starts fetching; fails if a live worker already has this name.
     * Synchronized with {@link #shutdown()}: a stop requested by the first tasks waits for the start.
     */
    public synchronized void start() {
        claimName();
        List<String> sourceLists = Fetcher.sources(broker.keys(), settings.name(), settings.queues())
                .stream().map(Source::list).toList();
        Heartbeat heartbeat = new Heartbeat(broker, settings.name(), deps.clock(),
                Heartbeat.staticFields(settings, sourceLists, Version.VERSION, NodeName.host(), NodeName.pid(),
                        deps.clock().millis(), deps.registry().names()),
                this::liveFields, settings.heartbeatInterval());
        heartbeat.runOnce();
        revoked.start(this::terminate);
        completer.start();
        for (int i = 0; i < settings.concurrency(); i++) {
            runners.add(Thread.ofVirtual().name("celeriac-runner-" + i).start(this::runnerLoop));
        }
        fetcher.start();
        loops.add(new ServiceLoop("heartbeat", heartbeat::runOnce).start());
        loops.add(new ServiceLoop("lease-recoverer", recoverer::runOnce).start());
        DelayedForwarder forwarder = new DelayedForwarder(broker, deps.clock(), Duration.ofMillis(250));
        loops.add(new ServiceLoop("delayed-forwarder", forwarder::runOnce).start());
        loops.add(new ServiceLoop("revoked", revoked::runOnce).start());
        log.atInfo().addKeyValue("worker", settings.name()).addKeyValue("queues", String.join(",", settings.queues()))
                .addKeyValue("concurrency", settings.concurrency()).addKeyValue("tasks", deps.registry().names().size())
                .log("worker ready");
    }

    /** A worker of the same name that is still beating is a configuration error; a dead one is recovered now. */
    private void claimName() {
        Instant beat = broker.workerHeartbeats().get(settings.name());
        if (beat == null) {
            return;
        }
        Instant now = deps.clock().instant();
        Map<String, String> record = broker.workerRecord(settings.name());
        boolean stale = !beat.isAfter(now.minus(settings.leaseTimeout()));
        boolean deadHereBefore = NodeName.host().equals(record.get("host")) && !processAlive(record.get("pid"));
        if (!stale && !deadHereBefore) {
            throw new WorkerNameTakenException(settings.name(), Duration.between(beat, now));
        }
        recoverer.recover(settings.name(), now.plusMillis(1));
    }

    private static boolean processAlive(String pid) {
        try {
            long p = Long.parseLong(pid);
            return p != NodeName.pid() && ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    private void runnerLoop() {
        MDC.put("worker", settings.name());
        while (!stopping) {
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
            if (stopping) {
                requeue(delivery);
                slots.release();
                return;
            }
            Thread self = Thread.currentThread();
            running.put(self, delivery);
            stats.active.incrementAndGet();
            List<BrokerOp> ops = execution.execute(delivery);
            stats.active.decrementAndGet();
            active.remove(self);
            if (running.remove(self) != null) {
                completer.submit(ops);
            }
            stats.processed.increment();
            slots.release();
            if (settings.maxTasksPerChild() > 0 && stats.processed() >= settings.maxTasksPerChild()) {
                requestStop("max tasks per child reached");
            }
        }
    }

    /** A task a runner has started: for the heartbeat's snapshot and for revoke --terminate. */
    record ActiveTask(String id, String name, String queue, long startedMillis) {
    }

    private void started(String id, String name, String queue) {
        active.put(Thread.currentThread(), new ActiveTask(id, name, queue, deps.clock().millis()));
    }

    private void terminate(String taskId) {
        active.forEach((thread, task) -> {
            if (task.id().equals(taskId)) {
                log.atWarn().addKeyValue("task_id", taskId).log("revoked task terminated");
                thread.interrupt();
            }
        });
    }

    /** What changes between heartbeats: counters, state and the running tasks (JSON list). */
    private Map<String, String> liveFields() {
        StringBuilder tasks = new StringBuilder("[");
        for (ActiveTask task : active.values()) {
            if (tasks.length() > 1) {
                tasks.append(',');
            }
            tasks.append(deps.codec().json().createObjectNode().put("id", task.id()).put("name", task.name())
                    .put("queue", task.queue()).put("started", task.startedMillis()));
        }
        tasks.append(']');
        return Map.of("processed", String.valueOf(stats.processed()), "active", String.valueOf(stats.active()),
                "state", stopping ? "stopping" : "running", "active_tasks", tasks.toString(),
                "succeeded", String.valueOf(stats.succeeded()), "failed", String.valueOf(stats.failed()),
                "retried", String.valueOf(stats.retried()));
    }

    /** Puts a message back at the front of its queue, in one step with removing it from flight. */
    private void requeue(Delivery delivery) {
        completer.submit(List.of(new BrokerOp.Ack(delivery), new BrokerOp.PushFront(delivery.sourceList(), delivery.raw())));
    }

    /** Asks the worker to stop (from a signal, max tasks per child, or a test) without waiting. */
    public void requestStop(String reason) {
        // runners stop taking messages now, not when the shutdown thread gets going
        stopping = true;
        if (stopRequested.compareAndSet(false, true)) {
            log.atInfo().addKeyValue("reason", reason).log("worker stopping");
            Thread.ofVirtual().name("celeriac-shutdown").start(this::shutdown);
        }
    }

    /** Blocks until the worker has stopped; true if it stopped within {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Warm shutdown; returns once the worker has left. Safe to call more than once. */
    public synchronized void shutdown() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopping = true;
        fetcher.stop();
        List<Delivery> waiting = new ArrayList<>();
        intake.drainTo(waiting);
        waiting.removeIf(delivery -> delivery == STOP);
        waiting.forEach(this::requeue);
        // one per runner: idle runners wake and leave; busy ones leave after their task anyway
        runners.forEach(runner -> intake.add(STOP));
        long restored = waiting.size();
        boolean finished = joinRunners(settings.shutdownTimeout());
        if (!finished) {
            running.keySet().forEach(Thread::interrupt);
            joinRunners(Duration.ofSeconds(1));
            for (Map.Entry<Thread, Delivery> left : running.entrySet()) {
                if (running.remove(left.getKey()) != null) {
                    requeue(left.getValue());
                    restored++;
                }
            }
        }
        loops.forEach(ServiceLoop::close);
        revoked.stop();
        completer.stop(Duration.ofSeconds(5));
        List<String> sourceLists = Fetcher.sources(broker.keys(), settings.name(), settings.queues())
                .stream().map(Source::list).toList();
        long leftover = broker.recover(settings.name(), deps.clock().instant().plus(Duration.ofDays(1)), sourceLists);
        timer.shutdownNow();
        log.atInfo().addKeyValue("worker", settings.name()).addKeyValue("restored", restored + Math.max(0, leftover))
                .addKeyValue("processed", stats.processed()).log("worker stopped");
        stopped.countDown();
    }

    private boolean joinRunners(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread runner : runners) {
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

    @Override
    public void close() {
        shutdown();
    }
}
