package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.routing.Router;
import java.util.List;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.task.TaskRegistry;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The parts a worker is built from.
 *
 * @param sender  given to tasks that send tasks
 * @param revoked whether a task id has been revoked
 * @param router  routes the next steps of workflows (chains, callbacks)
 * @param events  told of each task's life (Celery's task events)
 */
public record WorkerDependencies(Broker broker, TaskRegistry registry, MessageCodec codec, TaskSender sender,
                                 Clock clock, RandomGenerator random, Predicate<String> revoked, TaskListener listener,
                                 Router router, TaskEvents events) {

    public WorkerDependencies(Broker broker, TaskRegistry registry, MessageCodec codec, TaskSender sender,
                              Clock clock, RandomGenerator random, Predicate<String> revoked, TaskListener listener,
                              Router router) {
        this(broker, registry, codec, sender, clock, random, revoked, listener, router, TaskEvents.NONE);
    }

    /** Where the results of other tasks are read (a chord's parts), or null without a client. */
    public io.celeriac.core.result.ResultBackend results() {
        return sender instanceof TaskClient client ? client.results() : null;
    }

    /** The same parts, telling {@code taskEvents} of each task's life. */
    public WorkerDependencies withEvents(TaskEvents taskEvents) {
        return new WorkerDependencies(broker, registry, codec, sender, clock, random, revoked, listener, router, taskEvents);
    }

    /** Routes the next steps of workflows (chains, callbacks) like the sender routes its tasks. */
    public WorkerDependencies(Broker broker, TaskRegistry registry, MessageCodec codec, TaskSender sender,
                              Clock clock, RandomGenerator random, Predicate<String> revoked, TaskListener listener) {
        this(broker, registry, codec, sender, clock, random, revoked, listener,
                sender instanceof TaskClient client ? client.router() : new Router(List.of(), "celery"));
    }

    public WorkerDependencies(Broker broker, TaskRegistry registry, MessageCodec codec, TaskSender sender,
                              Clock clock, RandomGenerator random, Predicate<String> revoked) {
        this(broker, registry, codec, sender, clock, random, revoked, TaskListener.NONE);
    }
}
