package io.celeriac.spring;

import io.celeriac.CeleriacWorker;
import io.celeriac.WorkerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded worker, with the application's lifecycle: it starts once every bean is ready (so
 * task beans may take the {@code Celeriac} client) and stops first when the context closes, a warm
 * stop: it stops fetching, running tasks finish within {@code celeriac.worker.shutdown-timeout}, the
 * rest go back to their queues. An application without task beans starts no worker.
 */
public final class CeleriacWorkerLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CeleriacWorkerLifecycle.class);

    private final CeleriacProperties properties;
    private final ListableBeanFactory beans;
    private final ObjectProvider<MeterRegistry> meters;
    private volatile CeleriacWorker worker;

    CeleriacWorkerLifecycle(CeleriacProperties properties, ListableBeanFactory beans, ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        this.beans = beans;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        List<Object> annotated = TaskBeans.annotated(beans);
        List<TaskBean<?, ?>> typed = TaskBeans.typed(beans);
        if (annotated.isEmpty() && typed.isEmpty()) {
            log.atInfo().log("no @CeleriacTask or TaskBean beans; no worker started");
            return;
        }
        CeleriacProperties.Worker settings = properties.getWorker();
        WorkerBuilder builder = CeleriacWorker.builder(properties.getBrokerUrl())
                .queues(settings.getQueues().toArray(String[]::new))
                .concurrency(settings.getConcurrency())
                .prefetchMultiplier(settings.getPrefetchMultiplier())
                .shutdownTimeout(settings.getShutdownTimeout())
                .leaseTimeout(settings.getLeaseTimeout())
                .resultExpires(properties.getResultExpires())
                .keyPrefixes(properties.getKeyPrefix(), properties.getKombuKeyPrefix());
        if (settings.getName() != null && !settings.getName().isBlank()) {
            builder.name(settings.getName());
        }
        properties.getRoutes().forEach(route -> builder.route(route.getPattern(), route.getQueue()));
        annotated.forEach(builder::tasks);
        typed.forEach(task -> add(builder, task));
        meters.ifAvailable(builder::meterRegistry);
        worker = builder.start();
    }

    private static <A, R> void add(WorkerBuilder builder, TaskBean<A, R> task) {
        builder.task(task.task(), task.body());
    }

    @Override
    public synchronized void stop() {
        CeleriacWorker running = worker;
        worker = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** The running worker, or null (not started, stopped, or no tasks). */
    public CeleriacWorker worker() {
        return worker;
    }
}
