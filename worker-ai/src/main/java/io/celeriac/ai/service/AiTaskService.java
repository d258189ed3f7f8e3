package io.celeriac.ai.service;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiTaskNotFoundException;
import io.celeriac.ai.InvalidAiTaskException;
import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.db.UserStore;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.NextRun;
import io.celeriac.ai.model.TaskDraft;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.ai.model.User;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java API of AI tasks: create (validated, idempotent, within the user's cap of active tasks),
 * list, show, pause, resume, cancel. Every change that gives a task a new next run also sends its
 * wake-up. A paused or cancelled task's run already claimed notifies no one (the run checks).
 */
public final class AiTaskService {
    private static final Logger log = LoggerFactory.getLogger(AiTaskService.class);

    private final UserStore users;
    private final TaskStore tasks;
    private final RunStore runs;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final RandomGenerator random;
    private final AiConfig.Limits limits;

    public AiTaskService(UserStore users, TaskStore tasks, RunStore runs, Dispatcher dispatcher, Clock clock,
                         RandomGenerator random, AiConfig.Limits limits) {
        this.limits = limits;
        this.users = users;
        this.tasks = tasks;
        this.runs = runs;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.random = random;
    }

    /** Creates the task, or returns the one an earlier call with the same idempotency key created. */
    public TaskStore.Created create(TaskRequest request) {
        if (request.userId() == null) {
            throw new InvalidAiTaskException("user", "is required");
        }
        User user = users.find(request.userId())
                .orElseThrow(() -> new InvalidAiTaskException("user", "no user with id " + request.userId()));
        Instant now = clock.instant();
        TaskDraft draft = TaskValidator.validate(request, user, now, new UUID(random.nextLong(), random.nextLong()).toString(),
                limits);
        TaskStore.Created created = tasks.insertOrFind(draft, now, limits.maxActiveTasks());
        if (created.created()) {
            log.atInfo().addKeyValue("ai_task_id", created.task().id()).addKeyValue("user_id", user.id())
                    .addKeyValue("schedule", created.task().schedule().type())
                    .addKeyValue("next_run_at", created.task().nextRunAt()).log("ai task created");
            dispatcher.schedule(created.task());
        }
        return created;
    }

    public AiTask show(long id) {
        return tasks.find(id).orElseThrow(() -> new AiTaskNotFoundException("AI task", id));
    }

    public List<AiTask> list(Long userId, int limit) {
        return tasks.list(userId, limit);
    }

    public List<AiTaskRun> runs(long taskId, int limit) {
        show(taskId);
        return runs.latest(taskId, limit);
    }

    public User user(long id) {
        return users.find(id).orElseThrow(() -> new AiTaskNotFoundException("user", id));
    }

    /** Stops an active task from firing; its next run is kept for display. */
    public AiTask pause(long id) {
        AiTask task = show(id);
        return tasks.transition(id, EnumSet.of(TaskStatus.ACTIVE), TaskStatus.PAUSED, task.nextRunAt(), clock.instant())
                .orElseThrow(() -> notIn(task, "paused", "active"));
    }

    /** Resumes a paused task from now: occurrences missed while paused are skipped (a one-off past its time runs now). */
    public AiTask resume(long id) {
        AiTask task = show(id);
        Instant now = clock.instant();
        boolean exhausted = task.maxRuns() != null && task.runCount() >= task.maxRuns();
        Instant next = exhausted ? null : NextRun.first(task.schedule(), task.zone(), now, task.endAt()).orElse(null);
        TaskStatus to = next == null ? TaskStatus.COMPLETED : TaskStatus.ACTIVE;
        AiTask resumed = tasks.transition(id, EnumSet.of(TaskStatus.PAUSED), to, next, now)
                .orElseThrow(() -> notIn(task, "resumed", "paused"));
        dispatcher.schedule(resumed);
        return resumed;
    }

    public AiTask cancel(long id) {
        AiTask task = show(id);
        return tasks.transition(id, EnumSet.of(TaskStatus.ACTIVE, TaskStatus.PAUSED), TaskStatus.CANCELLED, null, clock.instant())
                .orElseThrow(() -> notIn(task, "cancelled", "active or paused"));
    }

    private static InvalidAiTaskException notIn(AiTask task, String verb, String allowed) {
        return new InvalidAiTaskException("status", "task " + task.id() + " is " + task.status().dbName()
                + "; only " + allowed + " tasks can be " + verb);
    }
}
