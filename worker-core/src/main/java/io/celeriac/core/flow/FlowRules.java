package io.celeriac.core.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which limits each task name runs under, from three sources: the task's definition
 * ({@code TaskOptions.flowLimit}), the config file ({@code flow_limits}, which may share one limit
 * between several task names), and remote control ({@code control rate_limit TASK RATE}), which
 * sets the rate of the task's own limit (the one named after the task) over the other two, until
 * the worker restarts, as in Celery. Thread-safe.
 */
public final class FlowRules {
    private final Map<String, List<FlowLimit>> configured = new ConcurrentHashMap<>();
    private final Map<String, Optional<Rate>> controlRates = new ConcurrentHashMap<>();

    /** Adds a configured limit for each of {@code tasks}. */
    public void configure(FlowLimit limit, List<String> tasks) {
        for (String task : tasks) {
            configured.computeIfAbsent(task, t -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(limit);
        }
    }

    /** Control's {@code rate_limit}: a rate for the task's own limit; null (or "0") for none. Throws on a malformed rate. */
    public void controlRate(String task, String rate) {
        controlRates.put(task, Optional.ofNullable(Rate.parse(rate)));
    }

    /** The limits {@code task} runs under, its definition's {@code own} (may be null) counted. */
    public List<FlowLimit> limitsFor(String task, FlowLimit own) {
        List<FlowLimit> limits = new ArrayList<>(2);
        if (own != null) {
            limits.add(own.name().equals(FlowLimit.OWN) ? own.named(task) : own);
        }
        limits.addAll(configured.getOrDefault(task, List.of()));
        Optional<Rate> control = controlRates.get(task);
        if (control == null) {
            return limits;
        }
        boolean applied = false;
        for (int i = 0; i < limits.size(); i++) {
            FlowLimit limit = limits.get(i);
            if (limit.name().equals(task) && limit.key() == null) {
                applied = true;
                if (control.isPresent() || limit.concurrency() > 0) {
                    limits.set(i, limit.withRate(control.orElse(null)));
                } else {
                    limits.remove(i--);
                }
            }
        }
        if (!applied && control.isPresent()) {
            limits.add(new FlowLimit(task, control.get(), 0, null));
        }
        return limits;
    }

    /** The rate of the task's own limit in Celery's syntax (what {@code inspect registered rate_limit} shows), or null. */
    public String rateOf(String task, FlowLimit own) {
        return limitsFor(task, own).stream().filter(l -> l.name().equals(task) && l.rate() != null)
                .map(l -> l.rate().text()).findFirst().orElse(null);
    }
}
