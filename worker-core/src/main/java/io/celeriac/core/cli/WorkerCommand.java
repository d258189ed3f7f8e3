package io.celeriac.core.cli;

import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.CeleryTaskConfig;
import io.celeriac.core.config.Durations;
import io.celeriac.core.control.NodeNames;
import io.celeriac.core.health.BrokerCheck;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.loop.ServiceLoop;
import io.celeriac.core.metrics.Observability;
import io.celeriac.core.metrics.QueueDepths;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.Worker;
import io.celeriac.core.worker.WorkerHealth;
import io.celeriac.core.worker.WorkerNames;
import io.celeriac.core.worker.WorkerSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code celeriac worker}: consume queues until SIGTERM or SIGINT, then stop warmly and exit 0. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Run a worker that consumes queues.")
public final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-Q", "--queues"}, split = ",", paramLabel = "QUEUE",
            description = "Queues to consume, comma-separated, each optionally with a weight (ai_tasks:3,email_tasks:1: "
                    + "ai_tasks is served first 3 times as often). Env: CELERIAC_QUEUES. Default: every queue of the config.")
    List<String> queues;

    @Option(names = "--strict", description = "Serve the queues strictly by weight (or in the order given): a lighter queue only when every heavier one is empty.")
    boolean strict;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "${env:CELERIAC_CONCURRENCY:-0}",
            description = "Tasks run at once. Env: CELERIAC_CONCURRENCY. Default: the number of CPUs.")
    int concurrency;

    @Option(names = "--prefetch-multiplier", paramLabel = "N", defaultValue = "${env:CELERIAC_PREFETCH_MULTIPLIER:-1}",
            description = "Messages reserved per concurrency slot (running ones included). Env: CELERIAC_PREFETCH_MULTIPLIER. Default: ${DEFAULT-VALUE}.")
    int prefetchMultiplier;

    @Option(names = {"-l", "--loglevel"}, paramLabel = "LEVEL", defaultValue = "${env:CELERIAC_LOGLEVEL:-INFO}",
            description = "DEBUG, INFO, WARNING, ERROR. Env: CELERIAC_LOGLEVEL. Default: ${DEFAULT-VALUE}.")
    String loglevel;

    @Option(names = {"-n", "--hostname"}, paramLabel = "NAME", defaultValue = "${env:CELERIAC_HOSTNAME}",
            description = "Node name, unique among live workers; %%h is the host name, %%n its first label, %%d its domain, "
                    + "%%i the process index (0). Env: CELERIAC_HOSTNAME. Default: celery@<host>, as Celery; "
                    + "when a live worker has that, celery-<pid>@<host> (with a warning).")
    String hostname;

    @Option(names = {"-E", "--task-events"}, defaultValue = "${env:CELERIAC_TASK_EVENTS:-false}",
            description = "Send Celery's task events (for Flower, celery events). Worker events are always sent. Env: CELERIAC_TASK_EVENTS.")
    boolean taskEvents;

    @Option(names = "--max-tasks-per-child", paramLabel = "N", defaultValue = "${env:CELERIAC_MAX_TASKS_PER_CHILD:-0}",
            description = "After N tasks, stop warmly and exit 0 so the supervisor (compose, systemd) starts a fresh JVM: "
                    + "the JVM's way to shed leaked memory or state. 0 = never. Env: CELERIAC_MAX_TASKS_PER_CHILD.")
    long maxTasksPerChild;

    @Option(names = "--shutdown-timeout", paramLabel = "DURATION", defaultValue = "${env:CELERIAC_SHUTDOWN_TIMEOUT:-30s}",
            description = "On SIGTERM, how long running tasks may finish before they are interrupted and requeued. Env: CELERIAC_SHUTDOWN_TIMEOUT. Default: ${DEFAULT-VALUE}.")
    String shutdownTimeout;

    @Option(names = "--lease-timeout", paramLabel = "DURATION", defaultValue = "${env:CELERIAC_LEASE_TIMEOUT:-30s}",
            description = "A worker silent this long is dead; its in-flight tasks return to their queues. Env: CELERIAC_LEASE_TIMEOUT. Default: ${DEFAULT-VALUE}.")
    String leaseTimeout;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:CELERIAC_HTTP_PORT:-0}",
            description = "Serve /metrics (Prometheus), /healthz and /readyz on this port; 0 = off. Env: CELERIAC_HTTP_PORT. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--result-expires", paramLabel = "DURATION", defaultValue = "${env:CELERIAC_RESULT_EXPIRES}",
            description = "Result TTL (0 keeps results). Env: CELERIAC_RESULT_EXPIRES. Default: the config's result_expires.")
    String resultExpires;

    @Override
    public Integer call() throws Exception {
        new WorkerOptionsCheck(concurrency, prefetchMultiplier, maxTasksPerChild, shutdownTimeout,
                leaseTimeout, resultExpires).validate();
        StartupTimeline.mark("options");
        ProcessSetup process = ProcessSetup.begin("worker", loglevel, httpPort);
        AppConfig config = connection.loadConfig();
        WorkerSettings requested = settings(config);
        StartupTimeline.mark("config");
        try (Application app = process.connect(connection, config, requested.queues().size() * 4 + 32);
             Observability observability = process.observability()) {
            StartupTimeline.mark("connected");
            WorkerSettings settings = requested.name() != null ? requested
                    : requested.withName(WorkerNames.chooseDefault(app.broker(), app.clock().instant(), requested.leaseTimeout()));
            // the same worker the Java API embeds, with every module's tasks and the process's metrics
            TaskRegistry registry = app.registry();
            DefaultWorker embedded = DefaultWorker.create(app, settings, registry, observability.registry(), false, taskEvents);
            Worker worker = embedded.worker();
            QueueDepths depths = new QueueDepths(app.broker(), settings.queues(), observability.registry());
            worker.pauses().registerGauges(settings.queues(), observability.registry());
            // before the first task runs: a stop asked for during start waits for the start to end
            process.onStop(worker::requestStop, settings.shutdownTimeout().plusSeconds(10));
            StartupTimeline.mark("worker built");
            embedded.start();
            StartupTimeline.ready();
            ServiceLoop sampler = new ServiceLoop("queue-depths", depths::runOnce).start();
            try {
                // a worker that cannot run tasks is not ready either: readiness includes its liveness
                WorkerHealth health = worker.health(Duration.ofSeconds(30));
                observability.liveness(health).readiness(new BrokerCheck(app.broker())).readiness(health);
                // what the tasks routed to its queues use (the database): not ready before it answers
                for (Class<?> component : registry.componentsServing(
                        task -> settings.queues().contains(config.router().route(task)))) {
                    observability.readiness(app.components().readiness(component, app));
                }
                process.serve(observability);
                while (!worker.awaitStopped(Duration.ofSeconds(60))) {
                    // waiting for a signal, max-tasks-per-child or a fatal error
                }
            } finally {
                sampler.signalStop();
                sampler.awaitStopped(Duration.ofMillis(200));
                // leaves the fleet: worker-offline, mailbox closed
                embedded.close();
            }
            return worker.exitCode();
        }
    }

    WorkerSettings settings(AppConfig config) {
        List<String> chosen = queues != null && !queues.isEmpty() ? queues
                : envQueues() != null ? envQueues() : config.queues();
        io.celeriac.core.flow.QueueWeights.Parsed parsed = io.celeriac.core.flow.QueueWeights.parse(chosen, strict);
        if (concurrency < 0) {
            throw new IllegalArgumentException("--concurrency must be 0 (one per CPU) or more, got " + concurrency);
        }
        int n = concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
        // %h is this machine's host name, as in Celery's --hostname; without one, Celery's default is
        // chosen once Redis can say whether a live worker has it (null until then)
        String name = hostname != null && !hostname.isBlank() ? NodeNames.expand(hostname, NodeName.host()) : null;
        Duration expires = resultExpires != null && !resultExpires.isBlank() ? Durations.parse(resultExpires) : config.resultExpires();
        return new WorkerSettings(name, parsed.queues(), n, prefetchMultiplier, maxTasksPerChild,
                Durations.parse(shutdownTimeout), Durations.parse(leaseTimeout), expires, config.resultExtended(),
                CeleryTaskConfig.trackStarted(config), parsed.weights());
    }

    private static List<String> envQueues() {
        String env = System.getenv("CELERIAC_QUEUES");
        return env == null || env.isBlank() ? null : Arrays.stream(env.split(",")).map(String::strip).toList();
    }
}
