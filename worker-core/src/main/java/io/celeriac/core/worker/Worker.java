package io.celeriac.core.worker;

import io.celeriac.core.Version;
import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.broker.Source;
import io.celeriac.core.flow.PausedQueues;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.internal.SharedRandom;
import io.celeriac.core.loop.ServiceLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: the {@link Fetcher} takes messages from its queues into flight, the {@link Runners}
 * run each as an {@link Execution}, the {@link Completer} writes their outcomes (fenced by
 * possession), while its loops keep the lease, recover dead workers, forward delayed messages,
 * reload revocations and replace runners that died.
 *
 * <p>Stopping is Celery's warm shutdown, bounded in time whatever Redis does: see {@link WorkerShutdown}.
 */
public final class Worker implements AutoCloseable, WorkerControl {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final WorkerSettings settings;
    private final WorkerDependencies deps;
    private final Broker broker;
    private final WorkerStats stats = new WorkerStats();
    private final Slots slots;
    private final TaskLimits limits;
    private final RevokedTasks revoked;
    private final PausedQueues pauses;
    private final Completer completer;
    private final Fetcher fetcher;
    private final Runners runners;
    private final Pickups pickups = new Pickups();
    private boolean pickupsFailing;
    private final Executions executions;
    private final LeaseRecoverer recoverer;
    private volatile DelayedForwarder forwarder;
    private final ScheduledThreadPoolExecutor timer;
    private final List<ServiceLoop> loops = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private volatile boolean started;
    private volatile long startedMillis;

    public Worker(WorkerSettings settings, WorkerDependencies deps) {
        this.settings = settings;
        this.deps = deps;
        this.broker = deps.broker();
        this.slots = new Slots(settings.capacity());
        this.limits = new TaskLimits(new io.celeriac.core.flow.FlowGate(
                broker.flowStore() != null ? broker.flowStore() : new io.celeriac.core.flow.LocalFlowStore(),
                new io.celeriac.core.flow.FlowRules(), settings.name(), deps.clock(), settings.leaseTimeout(), deps.random()));
        this.completer = new Completer(broker, stats);
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("celeriac-time-limit").factory());
        // a cancelled alarm leaves the queue at once instead of waiting for its deadline
        this.timer.setRemoveOnCancelPolicy(true);
        this.recoverer = new LeaseRecoverer(broker, deps.clock(), settings.leaseTimeout());
        this.revoked = new RevokedTasks(broker, deps.clock());
        RandomGenerator random = SharedRandom.of(deps.random());
        ExecutionEnvironment env = new ExecutionEnvironment(settings.name(), broker, deps.registry(), deps.codec(),
                deps.sender(), deps.clock(), random, settings.resultExpires(), settings.resultExtended(),
                id -> revoked.contains(id) || deps.revoked().test(id), completer::submit, timer, stats, execution -> { },
                new WorkflowSteps(deps.router(), deps.codec(), random, settings.name()), deps.events(), limits, deps.results(),
                settings.trackStarted());
        this.executions = new Executions(env);
        this.runners = new Runners(settings.name(), settings.concurrency(), slots, executions,
                completer::submit, new Accounting(), this::fatal, deps.events());
        this.fetcher = new Fetcher(broker, settings.name(), settings.queues(), slots, deps.codec().limits().maxMessageBytes(),
                delivery -> {
                    pickups.picked(delivery.queue());
                    runners.accept(delivery);
                }, delivery -> {
                    pickups.picked(delivery.queue());
                    refused(delivery);
                });
        fetcher.choosing(settings.queueWeights(), random);
        this.pauses = new PausedQueues(broker, fetcher::paused);
    }

    /** The fleet's paused queues as this worker knows them. */
    public PausedQueues pauses() {
        return pauses;
    }

    public WorkerSettings settings() {
        return settings;
    }

    public WorkerStats stats() {
        return stats;
    }

    /** Whether this worker has heard of a revocation (it hears by announcement at once, or by reload within 20 s). */
    boolean knowsRevoked(String taskId) {
        return revoked.contains(taskId);
    }

    /** The background loops, for liveness checks. */
    public List<ServiceLoop> loops() {
        return List.copyOf(loops);
    }

    /** Messages held and not finished: running plus fetched and waiting for a runner. */
    public long inFlight() {
        return runners.held();
    }

    /** Runner threads alive (the concurrency, unless one died and is being replaced). */
    public int runnersAlive() {
        return runners.alive();
    }

    /** Runner threads that ended unexpectedly and were replaced. */
    public long runnerRestarts() {
        return runners.restarts();
    }

    /** What {@code /healthz} checks for this worker: runners, fetcher, completer, loops, slots. */
    public WorkerHealth health(Duration maxSilence) {
        return new WorkerHealth(this, maxSilence, WorkerHealth.OVERRUN_GRACE);
    }

    Runners runners() {
        return runners;
    }

    Fetcher fetcher() {
        return fetcher;
    }

    Completer completer() {
        return completer;
    }

    boolean stopping() {
        return stopRequested.get();
    }

    /**
     * Registers the worker and starts fetching; fails if a live worker already has this name.
     * Synchronized with {@link #shutdown()}: a stop requested by the first tasks waits for the start.
     */
    public synchronized void start() {
        claimName();
        List<String> sourceLists = fetcher.sources().stream().map(Source::list).toList();
        forwarder = new DelayedForwarder(broker, deps.clock(), settings.name(), settings.forwardingLease());
        Heartbeat heartbeat = new Heartbeat(broker, settings.name(), deps.clock(),
                Heartbeat.staticFields(settings, sourceLists, Version.VERSION, NodeName.host(), NodeName.pid(),
                        deps.clock().millis(), deps.registry().names()),
                new LiveFields(this, deps.codec().json())::snapshot, settings.heartbeatInterval())
                .keepingForwardingLease(forwarder);
        heartbeat.runOnce();
        revoked.start(id -> {
            if (runners.cancel(id, Cancellation.TERMINATED)) {
                log.atWarn().addKeyValue("task_id", id).log("revoked task terminated");
            }
        });
        pauses.start();
        completer.start();
        runners.start();
        fetcher.start();
        started = true;
        startedMillis = deps.clock().millis();
        loops.add(new ServiceLoop("heartbeat", () -> {
            Duration next = heartbeat.runOnce();
            reportPickups();
            return next;
        }).start());
        // the forwarder of the fleet also recovers dead workers for it: one range query per
        // interval for the whole fleet, not one per worker
        loops.add(new ServiceLoop("lease-recoverer", () -> forwarder.holding() ? recoverer.runOnce() : recoverer.interval()).start());
        ServiceLoop forwarding = new ServiceLoop("delayed-forwarder", forwarder::runOnce).start();
        forwarder.wakeWith(forwarding::wake);
        loops.add(forwarding);
        loops.add(new ServiceLoop("revoked", revoked::runOnce).start());
        loops.add(new ServiceLoop("queue-pauses", pauses::runOnce).start());
        limits.flow().publish(ownLimits());
        loops.add(new ServiceLoop("flow-slots", limits.flow()::runOnce).start());
        loops.add(new ServiceLoop("runner-supervisor", () -> {
            runners.supervise();
            return Duration.ofSeconds(1);
        }).start());
        log.atInfo().addKeyValue("worker", settings.name()).addKeyValue("queues", String.join(",", settings.queues()))
                .addKeyValue("concurrency", settings.concurrency()).addKeyValue("tasks", deps.registry().names().size())
                .log("worker ready");
    }

    /**
     * After the heartbeat: when it last took from each queue, for the fleet's view. Its failure must
     * not touch the lease loop (a key of the wrong type would otherwise stop the heartbeat's ticks and
     * fail liveness): it is logged once per run of failures, and those pickups are reported later.
     */
    private void reportPickups() {
        try {
            broker.recordPickups(pickups.sinceLastReport(deps.clock()));
            pickupsFailing = false;
        } catch (RuntimeException e) {
            if (!pickupsFailing) {
                log.atWarn().addKeyValue("error", io.celeriac.core.internal.LogSafe.of(String.valueOf(e.getMessage())))
                        .log("could not record the queues' last pickups; the fleet's stall detection is behind");
            }
            pickupsFailing = true;
            pickups.reportAgain();
        }
    }

    /** A worker of the same name that is still beating is a configuration error; a dead one is recovered now. */
    private void claimName() {
        Instant beat = broker.workerHeartbeats().get(settings.name());
        if (beat == null) {
            return;
        }
        Instant now = deps.clock().instant();
        if (WorkerNames.mayBeLive(beat, broker.workerRecord(settings.name()), now, settings.leaseTimeout())
                && stillBeating(beat)) {
            throw new WorkerNameTakenException(settings.name(), Duration.between(beat, now));
        }
        recoverer.recover(settings.name(), now.plusMillis(1));
    }

    /**
     * Whether the worker that holds this name beats again after {@code last}, watched for two of its
     * heartbeat intervals. A process id cannot settle it alone: in a restarted container the dead
     * worker's pid may belong to another process by now (a health check), and a worker restarted
     * there must take its name back rather than stop as misconfigured.
     */
    private boolean stillBeating(Instant last) {
        long deadline = System.nanoTime() + settings.heartbeatInterval().multipliedBy(2).plusSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            Instant beat = broker.workerHeartbeats().get(settings.name());
            if (beat == null) {
                return false;
            }
            if (beat.isAfter(last)) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    /** Puts a delivery back at the front of its queue (fenced: only while this worker still holds it). */
    void requeue(Delivery delivery) {
        completer.submit(new Completion(delivery, true, executions.requeued(delivery).ops()));
    }

    /** A message the broker dead-lettered for its size instead of handing it over. */
    private void refused(Delivery delivery) {
        stats.deadLettered.increment();
        log.atWarn().addKeyValue("queue", delivery.queue()).addKeyValue("bytes", delivery.refusedBytes())
                .addKeyValue("limit", deps.codec().limits().maxMessageBytes()).log("message over the size limit dead-lettered");
        try {
            deps.listener().finished(null, delivery.queue(), Outcome.Kind.DEAD_LETTERED, 0, -1);
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("task listener failed");
        }
    }

    /** An Error that may have left the JVM unusable (out of memory): stop, so the supervisor starts a fresh one. */
    private void fatal(Throwable error) {
        if (fatal.compareAndSet(null, error)) {
            log.atError().addKeyValue("error", error.toString())
                    .log("fatal error in a runner; the message was dead-lettered and the worker exits for a restart");
        }
        requestStop("fatal error: " + error);
    }

    /** 0 after a normal stop; 1 when the worker stopped on a fatal error (its supervisor should restart it). */
    public int exitCode() {
        return fatal.get() == null ? 0 : 1;
    }

    /** Asks the worker to stop (from a signal, max tasks per child, a fatal error, a test) without waiting. */
    public void requestStop(String reason) {
        // runners stop taking messages now, not when the shutdown thread gets going
        runners.stopTaking();
        if (stopRequested.compareAndSet(false, true)) {
            log.atInfo().addKeyValue("reason", reason).log("worker stopping");
            Thread.ofVirtual().name("celeriac-shutdown").start(this::shutdown);
        }
    }

    /** Blocks until the worker has stopped; true if it stopped within {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Warm shutdown; returns once the worker has left, within about the shutdown timeout. Safe to call more than once. */
    public synchronized void shutdown() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopRequested.set(true);
        try {
            if (started) {
                pauses.stop();
                new WorkerShutdown(this, settings, loops, revoked, timer).run();
            } else {
                // never started: nothing of ours is in flight, and a live namesake's messages are not ours to touch
                timer.shutdownNow();
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Called by the shutdown when it is done with the broker: the worker leaves the worker set. */
    long leave() {
        DelayedForwarder watching = forwarder;
        if (watching != null) {
            watching.close();
        }
        List<String> sourceLists = fetcher.everConsumed().stream().map(Source::list).toList();
        return broker.recover(settings.name(), deps.clock().instant().plus(Duration.ofDays(1)), sourceLists);
    }

    @Override
    public void close() {
        shutdown();
    }

    // ---- remote control ---------------------------------------------------------------------

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public List<String> queues() {
        return fetcher.queues();
    }

    @Override
    public synchronized boolean addQueue(String queue) {
        io.celeriac.core.routing.QueueNames.validate(queue);
        List<String> now = fetcher.queues();
        if (now.contains(queue)) {
            return false;
        }
        List<String> next = new ArrayList<>(now);
        next.add(queue);
        fetcher.consume(next);
        log.atInfo().addKeyValue("queue", queue).log("consuming queue");
        return true;
    }

    @Override
    public synchronized boolean cancelQueue(String queue) {
        List<String> now = fetcher.queues();
        if (!now.contains(queue) || now.size() == 1) {
            return false;
        }
        fetcher.consume(now.stream().filter(q -> !q.equals(queue)).toList());
        log.atInfo().addKeyValue("queue", queue).log("no longer consuming queue");
        return true;
    }

    @Override
    public int concurrency() {
        return runners.concurrency();
    }

    @Override
    public boolean tracksStarted() {
        return settings.trackStarted();
    }

    @Override
    public synchronized void resize(int concurrency) {
        runners.resize(concurrency);
        slots.resize(concurrency * settings.prefetchMultiplier());
        log.atInfo().addKeyValue("concurrency", concurrency).log("concurrency changed");
    }

    @Override
    public List<Running> active() {
        return runners.running().stream().filter(e -> e.message() != null && e.startedMillis() >= 0)
                .map(e -> new Running(e.message(), e.delivery().queue(), e.startedMillis())).toList();
    }

    @Override
    public List<io.celeriac.core.message.TaskMessage> reserved() {
        List<io.celeriac.core.message.TaskMessage> waiting = new ArrayList<>();
        for (Delivery delivery : runners.waiting()) {
            try {
                waiting.add(deps.codec().decode(delivery.raw()));
            } catch (RuntimeException e) {
                // a message that will be dead-lettered when its turn comes: nothing to show
            }
        }
        return waiting;
    }

    @Override
    public long startedMillis() {
        return startedMillis;
    }

    @Override
    public java.util.Collection<String> registered() {
        return deps.registry().names();
    }

    @Override
    public void revoke(String taskId, boolean terminate) {
        broker.revoke(taskId, deps.clock().instant().plus(Duration.ofHours(3)), terminate);
        revoked.announcedLocally(taskId);
        if (terminate) {
            runners.cancel(taskId, Cancellation.TERMINATED);
        }
    }

    @Override
    public void timeLimits(String task, Duration soft, Duration hard) {
        limits.timeLimits(task, soft, hard);
    }

    @Override
    public void rateLimit(String task, String rate) {
        limits.rate(task, rate);
        limits.flow().publish(ownLimits());
    }

    @Override
    public String rateLimit(String task) {
        return limits.rate(task, deps.registry().find(task).orElse(null));
    }

    /** Fleet-wide rate and concurrency limits: their rules (config, control) and their metrics. */
    public io.celeriac.core.flow.FlowGate flow() {
        return limits.flow();
    }

    /** Every registered task with its definition's own limit (null when it has none). */
    private java.util.Map<String, io.celeriac.core.flow.FlowLimit> ownLimits() {
        java.util.Map<String, io.celeriac.core.flow.FlowLimit> own = new java.util.HashMap<>();
        for (String name : deps.registry().names()) {
            own.put(name, deps.registry().find(name).map(t -> t.options().flowLimit()).orElse(null));
        }
        return own;
    }

    @Override
    public void shutdown(String reason) {
        requestStop(reason);
    }

    /** Counts each delivery's end, tells the worker's listener, and recycles the worker after max tasks per child. */
    private final class Accounting implements TaskListener {
        @Override
        public void finished(String task, String queue, Outcome.Kind outcome, long runNanos, long latencyNanos) {
            if (outcome != Outcome.Kind.REQUEUED) {
                stats.processed.increment();
            }
            deps.listener().finished(task, queue, outcome, runNanos, latencyNanos);
            if (settings.maxTasksPerChild() > 0 && stats.processed() >= settings.maxTasksPerChild()) {
                requestStop("max tasks per child reached");
            }
        }

        @Override
        public void ended(Delivery delivery, Outcome outcome) {
            deps.listener().ended(delivery, outcome);
        }
    }
}
