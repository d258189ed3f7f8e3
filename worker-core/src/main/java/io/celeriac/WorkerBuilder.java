package io.celeriac;

import io.celeriac.core.api.Connection;
import io.celeriac.core.api.WorkerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** Options of an embedded {@link CeleriacWorker}; {@link #start()} connects and starts consuming. */
public final class WorkerBuilder {
    final Connection.Settings settings;
    final WorkerSetup setup = new WorkerSetup();

    WorkerBuilder(String brokerUrl) {
        this.settings = new Connection.Settings(brokerUrl);
    }

    /** The queues to consume; {@code celery} by default. */
    public WorkerBuilder queues(String... queues) {
        setup.queues = List.of(queues);
        return this;
    }

    /** Tasks run at once; the number of CPUs by default. */
    public WorkerBuilder concurrency(int concurrency) {
        setup.concurrency = concurrency;
        return this;
    }

    /** Messages held per concurrency slot, running included (Celery's prefetch multiplier); 1 by default. */
    public WorkerBuilder prefetchMultiplier(int multiplier) {
        setup.prefetchMultiplier = multiplier;
        return this;
    }

    /** Its node name, unique among live workers; {@code celeriac-<pid>@<host>} by default. */
    public WorkerBuilder name(String name) {
        setup.name = name;
        return this;
    }

    /**
     * Record STARTED for every task it runs, as Celery's {@code task_track_started}; off by default
     * (then only the tasks whose settings ask for it do).
     */
    public WorkerBuilder trackStarted(boolean track) {
        setup.trackStarted = track;
        return this;
    }

    /** How long running tasks may finish when it stops; 30 s by default. */
    public WorkerBuilder shutdownTimeout(Duration timeout) {
        setup.shutdownTimeout = timeout;
        return this;
    }

    /** How long it may be silent before others take it for dead and requeue its tasks; 30 s by default. */
    public WorkerBuilder leaseTimeout(Duration timeout) {
        setup.leaseTimeout = timeout;
        return this;
    }

    public <A, R> WorkerBuilder task(Task<A, R> task, TaskFunction<A, R> body) {
        setup.typed.add(new WorkerSetup.Typed<>(task, body));
        return this;
    }

    /** Every {@link CeleriacTask} method of {@code bean}. */
    public WorkerBuilder tasks(Object bean) {
        setup.beans.add(bean);
        return this;
    }

    /** Also the tasks of every module on the class path (the application's task modules, as {@code celeriac worker} runs them). */
    public WorkerBuilder modules() {
        setup.modules = true;
        return this;
    }

    /** Where its metrics go (task outcomes, durations, latency, runners); none by default. */
    public WorkerBuilder meterRegistry(MeterRegistry registry) {
        setup.meterRegistry = registry;
        return this;
    }

    /** How long results are kept; 1 day by default, as Celery. */
    public WorkerBuilder resultExpires(Duration expires) {
        settings.resultExpires = expires;
        return this;
    }

    /** Routes for the tasks its tasks send (and chains continue with). */
    public WorkerBuilder route(String pattern, String queue) {
        settings.route(pattern, queue);
        return this;
    }

    public WorkerBuilder keyPrefixes(String celeriac, String kombu) {
        settings.keyPrefix = celeriac;
        settings.celeryKeyPrefix = kombu;
        return this;
    }

    public WorkerBuilder clock(Clock clock) {
        settings.clock = clock;
        return this;
    }

    public WorkerBuilder random(RandomGenerator random) {
        settings.random = random;
        return this;
    }

    public CeleriacWorker start() {
        return Connection.worker(settings, setup);
    }
}
