package io.celeriac.core.api;

import io.celeriac.Task;
import io.celeriac.TaskFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the public worker builder collects besides the connection. */
public final class WorkerSetup {
    public List<String> queues = List.of("celery");
    public int concurrency = Runtime.getRuntime().availableProcessors();
    public int prefetchMultiplier = 1;
    public String name;
    public Duration shutdownTimeout = Duration.ofSeconds(30);
    public Duration leaseTimeout = Duration.ofSeconds(30);
    public final List<Typed<?, ?>> typed = new ArrayList<>();
    public final List<Object> beans = new ArrayList<>();
    public boolean modules;
    public boolean trackStarted;
    public MeterRegistry meterRegistry;

    /** A typed task and its body. */
    public record Typed<A, R>(Task<A, R> task, TaskFunction<A, R> body) {
    }
}
