package io.celeriac.core.control;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisFanout;
import io.celeriac.core.events.EventPublisher;
import io.celeriac.core.events.LamportClock;
import io.celeriac.core.events.TaskEventSource;
import io.celeriac.core.events.WorkerEvents;
import io.celeriac.core.loop.ServiceLoop;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.TaskEvents;
import io.celeriac.core.worker.WorkerControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a worker a member of a Celery fleet: its mailbox answers remote control, and its events
 * (worker events always, task events with {@code -E} or {@code enable_events}) reach Flower and
 * {@code celery events}. Built before the worker (the worker is given {@link #taskEvents()}),
 * started once it runs, closed after it stopped (it sends {@code worker-offline}).
 */
public final class RemoteControl implements AutoCloseable {
    /**
     * How long leaving the fleet may take at shutdown: a few round trips to a healthy Redis, kept short
     * because it comes on top of the worker's own shutdown timeout.
     */
    static final Duration LEAVE_TIMEOUT = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(RemoteControl.class);

    private final Application app;
    private final RedisFanout fanout;
    private final String node;
    private final LamportClock lamport;
    private final EventPublisher publisher;
    private final TaskEventSource taskEvents;
    private final List<ServiceLoop> loops = new ArrayList<>();
    private Mailbox mailbox;
    private WorkerEvents workerEvents;

    private RemoteControl(Application app, String node, boolean sendTaskEvents) {
        this.app = app;
        this.node = node;
        this.fanout = fanout(app);
        // the application's clock: the task-sent events of the tasks this worker's tasks send tick it too
        this.lamport = app.lamport();
        this.publisher = new EventPublisher(fanout, node, app.clock(), lamport, app.random());
        this.publisher.taskEvents(sendTaskEvents);
        this.taskEvents = new TaskEventSource(publisher);
    }

    /** For the worker named {@code node}; {@code sendTaskEvents} is Celery's {@code -E}. */
    public static RemoteControl create(Application app, String node, boolean sendTaskEvents) {
        return new RemoteControl(app, node, sendTaskEvents);
    }

    /** kombu's fanout on {@code app}'s Redis. */
    public static RedisFanout fanout(Application app) {
        return app.fanout();
    }

    /** What the worker tells of its tasks. */
    public TaskEvents taskEvents() {
        return taskEvents;
    }

    public EventPublisher events() {
        return publisher;
    }

    /** Joins the fleet: answers commands, says it is online, beats every two seconds. */
    public synchronized void start(WorkerControl worker, TaskRegistry registry) {
        workerEvents = new WorkerEvents(publisher, () -> worker.active().size(), () -> worker.stats().processed());
        ControlContext context = new ControlContext(worker, registry, app.broker(), publisher, taskEvents, workerEvents,
                lamport, app.clock(), app.config(), app.brokerUrl());
        mailbox = new Mailbox(fanout, node, Commands.of(context), lamport, app.clock(), app.random()).start();
        workerEvents.online();
        loops.add(new ServiceLoop("events", publisher::runOnce).start());
        loops.add(new ServiceLoop("event-heartbeat", workerEvents::runOnce).start());
    }

    /**
     * Leaves the fleet: no more commands, {@code worker-offline} sent, buffered events flushed. Bounded
     * by {@link #LEAVE_TIMEOUT}: with Redis unreachable the offline event is lost (as it is for a Python
     * worker) and the process still exits within its shutdown timeout.
     */
    @Override
    public synchronized void close() {
        if (mailbox == null) {
            return;
        }
        Thread leaving = Thread.ofPlatform().daemon().name("celeriac-leave-fleet").start(this::leave);
        try {
            if (!leaving.join(LEAVE_TIMEOUT)) {
                log.atWarn().addKeyValue("waited_ms", LEAVE_TIMEOUT.toMillis())
                        .log("could not leave the fleet in time (Redis unreachable?): worker-offline not sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mailbox = null;
    }

    private void leave() {
        mailbox.close();
        loops.forEach(ServiceLoop::signalStop);
        loops.forEach(loop -> loop.awaitStopped(Duration.ofMillis(200)));
        workerEvents.offline();
        try {
            publisher.runOnce();
        } catch (RuntimeException e) {
            // Redis is gone: the offline event is lost, as it is for a Python worker
        }
    }
}
