package io.celeriac.testing;

import io.celeriac.CeleriacTask;
import io.celeriac.Signature;
import io.celeriac.Task;
import io.celeriac.TaskFunction;
import io.celeriac.core.api.TypedTasks;
import io.celeriac.core.api.WorkerSetup;
import io.celeriac.core.internal.Json;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.routing.Route;
import io.celeriac.core.routing.Router;
import io.celeriac.core.schedule.Schedule;
import io.celeriac.core.task.TaskRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Options of an {@link EagerCeleriac}: its tasks (as a worker is given them), routes, periodic entries, clock. */
public final class EagerCeleriacBuilder {
    private final WorkerSetup setup = new WorkerSetup();
    private final List<Route> routes = new ArrayList<>();
    private final List<EagerRuntime.Periodic> periodic = new ArrayList<>();
    private String defaultQueue = "celery";
    private ManualClock clock;
    private RandomGenerator random;

    EagerCeleriacBuilder() {
    }

    /** A typed task and its body, as {@code CeleriacWorker.builder(url).task(task, body)}. */
    public <A, R> EagerCeleriacBuilder task(Task<A, R> task, TaskFunction<A, R> body) {
        setup.typed.add(new WorkerSetup.Typed<>(task, body));
        return this;
    }

    /** Every {@link CeleriacTask} method of {@code bean}. */
    public EagerCeleriacBuilder tasks(Object bean) {
        setup.beans.add(bean);
        return this;
    }

    /** Tasks whose name matches {@code pattern} (a glob: {@code reports.*}) go to {@code queue} unless a sender names one. */
    public EagerCeleriacBuilder route(String pattern, String queue) {
        routes.add(new Route(pattern, QueueNames.validate(queue)));
        return this;
    }

    /** Where tasks no route matches go; {@code celery} by default. */
    public EagerCeleriacBuilder defaultQueue(String queue) {
        defaultQueue = QueueNames.validate(queue);
        return this;
    }

    /** A periodic entry, as the beat runs one: {@code signature} is sent every {@code period} (on the grid of whole periods). */
    public EagerCeleriacBuilder every(Duration period, Signature<?> signature) {
        periodic.add(new EagerRuntime.Periodic(Schedule.every(period), signature));
        return this;
    }

    /** A periodic entry on a 5-field crontab read in {@code zone}: {@code cron("0 2 * * *", ZoneId.of("Europe/Paris"), sig)}. */
    public EagerCeleriacBuilder cron(String expression, ZoneId zone, Signature<?> signature) {
        periodic.add(new EagerRuntime.Periodic(Schedule.cron(expression, zone), signature));
        return this;
    }

    /** The clock countdowns, ETAs, retries and periodic entries follow; a new {@link ManualClock} by default. */
    public EagerCeleriacBuilder clock(ManualClock manualClock) {
        clock = manualClock;
        return this;
    }

    /** Task ids and retry jitter come from it; a seeded one by default, so runs repeat. */
    public EagerCeleriacBuilder random(RandomGenerator generator) {
        random = generator;
        return this;
    }

    public EagerCeleriac build() {
        var json = Json.mapper();
        TaskRegistry registry = new TaskRegistry();
        TypedTasks.register(registry, setup, json);
        return new EagerCeleriac(new EagerRuntime(clock != null ? clock : new ManualClock(), json, registry,
                new Router(List.copyOf(routes), defaultQueue), random != null ? random : new SplittableRandom(42), periodic));
    }
}
