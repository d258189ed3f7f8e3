package io.celeriac.bench.fleet;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measurement of a running fleet:
 * <ol>
 *   <li>let it settle (starting costs Redis more than running: registrations, first fetches);</li>
 *   <li>count over a window what Redis did: commands (a script's inner commands included, as
 *       Redis counts them), CPU, calls per command; the floor (Redis with only the bench connected)
 *       comes off before dividing by the workers;</li>
 *   <li>for Celeriac workers, the pickup and forwarding probes ({@link FleetProbes}).</li>
 * </ol>
 */
final class FleetRun {
    private final RedisCounters counters;
    private final Duration settle;
    private final Duration window;

    FleetRun(RedisCounters counters, Duration settle, Duration window) {
        this.counters = counters;
        this.settle = settle;
        this.window = window;
    }

    /** The floor: Redis with only the bench's own connections, over one window. */
    RedisCounters.Window floor() throws InterruptedException {
        RedisCounters.Reading from = counters.read();
        Thread.sleep(window);
        return new RedisCounters.Window(from, counters.read());
    }

    Map<String, Object> idle(Fleet fleet, RedisCounters.Window floor) throws InterruptedException {
        Thread.sleep(settle);
        RedisCounters.Reading from = counters.read();
        Thread.sleep(window);
        RedisCounters.Window idle = new RedisCounters.Window(from, counters.read());
        int n = fleet.size();
        double commands = idle.commandsPerSecond();
        double cpu = idle.cpuMillisPerSecond();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_s", Samples.round(idle.seconds(), 1));
        out.put("commands_per_s", Samples.round(commands, 1));
        out.put("commands_per_worker_s", Samples.round((commands - floor.commandsPerSecond()) / n, 2));
        out.put("redis_cpu_ms_per_s", Samples.round(cpu, 2));
        out.put("redis_cpu_us_per_worker_s", Samples.round((cpu - floor.cpuMillisPerSecond()) * 1000 / n, 1));
        out.put("redis_clients", idle.to().clients());
        Map<String, Double> busiest = new LinkedHashMap<>();
        idle.perCommand().entrySet().stream().limit(8)
                .forEach(e -> busiest.put(e.getKey(), Samples.round(e.getValue(), 2)));
        out.put("calls_per_s", busiest);
        return out;
    }
}
