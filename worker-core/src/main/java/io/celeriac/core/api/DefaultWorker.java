package io.celeriac.core.api;

import io.celeriac.CeleriacWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.control.RemoteControl;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.metrics.TaskMetrics;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.TaskListener;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerDependencies;
import io.celeriac.core.worker.WorkerHealth;
import io.celeriac.core.worker.WorkerSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;

/** An embedded worker: the engine's {@link Worker} with the tasks a builder gave it. */
public final class DefaultWorker implements CeleriacWorker {
    /** The engine when this worker owns it, else null. */
    private final Application app;
    private final Worker worker;
    private final TaskRegistry registry;
    /** Its mailbox and events: a member of the Celery fleet. */
    private final RemoteControl remote;

    private DefaultWorker(Application app, Worker worker, TaskRegistry registry, RemoteControl remote) {
        this.app = app;
        this.worker = worker;
        this.registry = registry;
        this.remote = remote;
    }

    static DefaultWorker start(Connection.Settings settings, WorkerSetup setup) {
        setup.queues.forEach(QueueNames::validate);
        Application app = Connection.application(settings, 16);
        try {
            TaskRegistry registry = setup.modules ? app.registry() : new TaskRegistry();
            TypedTasks.register(registry, setup, app.json());
            String name = setup.name != null ? setup.name.replace("%h", NodeName.host()) : "celeriac-" + NodeName.pid() + "@" + NodeName.host();
            WorkerSettings workerSettings = new WorkerSettings(name, setup.queues, setup.concurrency, setup.prefetchMultiplier, 0,
                    setup.shutdownTimeout, setup.leaseTimeout, settings.resultExpires, false, setup.trackStarted);
            DefaultWorker worker = create(app, workerSettings, registry, setup.meterRegistry, true);
            worker.start();
            return worker;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /**
     * A worker of {@code app} running {@code registry}'s tasks, not started: the embedded API and
     * {@code celeriac worker} both build theirs here.
     *
     * @param meters where its metrics go, or null
     * @param ownsApp close {@code app} when the worker closes
     */
    public static DefaultWorker create(Application app, WorkerSettings settings, TaskRegistry registry, MeterRegistry meters,
                                       boolean ownsApp) {
        return create(app, settings, registry, meters, ownsApp, false);
    }

    /** As above; {@code taskEvents} sends Celery's task events from the start (Celery's {@code -E}). */
    public static DefaultWorker create(Application app, WorkerSettings settings, TaskRegistry registry, MeterRegistry meters,
                                       boolean ownsApp, boolean taskEvents) {
        TaskListener listener = meters == null ? TaskListener.NONE : new TaskMetrics(meters);
        RemoteControl remote = RemoteControl.create(app, settings.name(), taskEvents);
        Worker worker = new Worker(settings, new WorkerDependencies(app.broker(), registry, app.codec(), app.client(),
                app.clock(), app.random(), id -> false, listener).withEvents(remote.taskEvents()));
        io.celeriac.core.flow.FlowConfig.apply(app.config(), worker.flow().rules());
        if (meters != null) {
            worker.flow().onThrottled(new io.celeriac.core.metrics.FlowMetrics(meters));
            Gauge.builder("celeriac.inflight", worker, Worker::inFlight).description("Messages held by this worker").register(meters);
            Gauge.builder("celeriac.runners.alive", worker, Worker::runnersAlive).description("Runner threads alive").register(meters);
            FunctionCounter.builder("celeriac.runner.restarts", worker, Worker::runnerRestarts)
                    .description("Runner threads that ended unexpectedly and were replaced").register(meters);
            FunctionCounter.builder("celeriac.outcomes.fenced", worker, w -> w.stats().fenced())
                    .description("Outcomes not written because the worker no longer held the message").register(meters);
        }
        return new DefaultWorker(ownsApp ? app : null, worker, registry, remote);
    }

    /** Registers the worker and starts consuming; from then on it answers remote control. */
    public void start() {
        worker.start();
        remote.start(worker, registry);
    }

    @Override
    public String name() {
        return worker.settings().name();
    }

    @Override
    public Collection<String> tasks() {
        return registry.names();
    }

    @Override
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return worker.awaitStopped(timeout);
    }

    /** The engine's worker (for the CLI's health endpoint and signals). */
    public Worker worker() {
        return worker;
    }

    /** Liveness and readiness of this worker. */
    public WorkerHealth health() {
        return worker.health(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        try {
            worker.shutdown();
            remote.close();
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }
}
