package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.task.TaskRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * What an {@link Execution} needs from its worker.
 *
 * @param earlyWrites writes that go out before the outcome (STARTED), not fenced
 * @param onStart     told on the runner's thread when a handler is about to run
 * @param trackStarted record STARTED for every task, not only those that ask (Celery's {@code task_track_started})
 */
record ExecutionEnvironment(String workerName, Broker broker, TaskRegistry registry, MessageCodec codec,
                            TaskSender sender, Clock clock, RandomGenerator random, Duration resultExpires,
                            boolean resultExtended, Predicate<String> revoked, Consumer<Completion> earlyWrites,
                            ScheduledExecutorService timer, WorkerStats stats, Consumer<Execution> onStart,
                            WorkflowSteps workflow, TaskEvents events, TaskLimits limits,
                            io.celeriac.core.result.ResultBackend results, boolean trackStarted) {
}
