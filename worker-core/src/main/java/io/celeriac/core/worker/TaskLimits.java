package io.celeriac.core.worker;

import io.celeriac.core.flow.Admission;
import io.celeriac.core.flow.FlowGate;
import io.celeriac.core.message.TaskMessage;
import io.celeriac.core.task.TaskDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per task name, the limits a task runs under: time limits an operator set on this worker at run
 * time (Celery's {@code control time_limit}), and the fleet-wide rate and concurrency limits of
 * {@link FlowGate} (the task's definition, the config, and {@code control rate_limit}). A task over
 * a rate or concurrency limit is not run: it waits in the delayed set for its next token or slot.
 */
final class TaskLimits {
    /** The key of the worker's defaults ({@code --time-limit}, {@code --soft-time-limit}). */
    static final String ALL_TASKS = "*";

    /** Soft and hard limits; either may be null (keep the task's own). */
    record TimeLimits(Duration soft, Duration hard) {
    }

    private final Map<String, TimeLimits> timeLimits = new ConcurrentHashMap<>();
    private final FlowGate flow;

    TaskLimits(FlowGate flow) {
        this.flow = flow;
    }

    FlowGate flow() {
        return flow;
    }

    void timeLimits(String task, Duration soft, Duration hard) {
        if (soft == null && hard == null) {
            timeLimits.remove(task);
        } else {
            timeLimits.put(task, new TimeLimits(soft, hard));
        }
    }

    TimeLimits timeLimits(String task) {
        return timeLimits.get(task);
    }

    /**
     * Sets the rate of the task's own fleet-wide limit in Celery's syntax ({@code 10/s}, {@code 100/m},
     * {@code 1000/h}, a bare number per second); null or "0" clears it. Throws on a malformed rate.
     */
    void rate(String task, String rate) {
        flow.rules().controlRate(task, rate);
    }

    String rate(String task, TaskDefinition definition) {
        return flow.rules().rateOf(task, definition == null ? null : definition.options().flowLimit());
    }

    /** Whether {@code task} may run {@code message} now under its limits (and the slots it took if so). */
    Admission admit(TaskDefinition task, TaskMessage message) {
        return flow.admit(task.name(), task.options().flowLimit(), message.id(), message.args(), message.kwargs());
    }
}
