package io.celeriac.core.worker;

import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.task.TaskRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** What {@link TaskExecution} needs from its worker. */
record ExecutionEnvironment(String workerName, TaskRegistry registry, MessageCodec codec, RedisKeys keys,
                            TaskSender sender, Clock clock, RandomGenerator random, Duration resultExpires,
                            boolean resultExtended, Predicate<String> revoked, Consumer<List<BrokerOp>> earlyAcks,
                            ScheduledExecutorService timer, WorkerStats stats, StartListener onStart,
                            TaskListener listener, WorkflowSteps workflow) {

    /** Told when a task's handler is about to run, on the runner's thread. */
    interface StartListener {
        void started(String taskId, String taskName, String queue);
    }
}
