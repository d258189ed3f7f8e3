package io.celeriac.core.worker;

import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.client.TaskSender;
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
 */
public record WorkerDependencies(RedisBroker broker, TaskRegistry registry, MessageCodec codec, TaskSender sender,
                                 Clock clock, RandomGenerator random, Predicate<String> revoked, TaskListener listener) {

    public WorkerDependencies(RedisBroker broker, TaskRegistry registry, MessageCodec codec, TaskSender sender,
                              Clock clock, RandomGenerator random, Predicate<String> revoked) {
        this(broker, registry, codec, sender, clock, random, revoked, TaskListener.NONE);
    }
}
