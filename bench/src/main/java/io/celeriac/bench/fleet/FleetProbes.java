package io.celeriac.bench.fleet;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What an idle fleet must still do quickly, probed with {@code celeriac.stamp} (it returns when its
 * handler started, on the worker's clock, which follows Redis's like the bench's):
 * <ol>
 *   <li>pickup: one task to each of a sample of workers' queues and priority buckets, one at a
 *       time, each on an idle worker; send to start, and send to result;</li>
 *   <li>forwarding: tasks with an ETA spread over a few seconds, to random workers' queues; how
 *       late after its ETA each started (the forwarding, then the pickup).</li>
 * </ol>
 */
final class FleetProbes {
    /** One priority per kombu bucket (0-2, 3-5, 6-8, 9). */
    private static final int[] PRIORITIES = {0, 3, 6, 9};
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(10);

    private final Application app;
    private final TaskClient client;

    FleetProbes(Application app) {
        this.app = app;
        this.client = app.client();
    }

    /** Pickup from every queue and bucket of {@code sampleWorkers} workers spread over the fleet. */
    Map<String, Object> pickup(Fleet fleet, int sampleWorkers) {
        List<String> queues = new ArrayList<>();
        int sample = Math.min(sampleWorkers, fleet.size());
        for (int s = 0; s < sample; s++) {
            queues.addAll(fleet.queues((int) ((long) s * fleet.size() / sample)));
        }
        // warm-up, discarded: the client's first send to a queue also declares it, and the JIT
        for (String queue : queues) {
            client.send("celeriac.stamp", List.of(), Map.of(), SendOptions.defaults().queue(queue)).get(RESULT_TIMEOUT);
        }
        List<Double> starts = new ArrayList<>();
        List<Double> results = new ArrayList<>();
        int missed = 0;
        for (String queue : queues) {
            for (int priority : PRIORITIES) {
                long sentMicros = micros(app.clock().instant());
                long before = System.nanoTime();
                AsyncResult sent = client.send("celeriac.stamp", List.of(), Map.of(), SendOptions.defaults().queue(queue).priority(priority));
                try {
                    long started = sent.get(RESULT_TIMEOUT).asLong();
                    results.add((System.nanoTime() - before) / 1e6);
                    starts.add((started - sentMicros) / 1000.0);
                } catch (RuntimeException e) {
                    missed++;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pickup_tasks", starts.size());
        out.put("pickup_missed", missed);
        out.putAll(new Samples(toArray(starts)).summary("pickup_start_"));
        out.putAll(new Samples(toArray(results)).summary("pickup_result_"));
        return out;
    }

    /** Lateness of {@code tasks} delayed tasks due from {@code lead} on, spread over {@code spread}. */
    Map<String, Object> forwarding(Fleet fleet, int tasks, Duration lead, Duration spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant first = app.clock().instant().plus(lead);
        List<AsyncResult> sent = new ArrayList<>(tasks);
        long[] dueMicros = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            Instant due = first.plusNanos(spread.toNanos() * i / Math.max(1, tasks));
            List<String> queues = fleet.queues(random.nextInt(fleet.size()));
            String queue = queues.get(random.nextInt(queues.size()));
            dueMicros[i] = micros(due);
            sent.add(client.send("celeriac.stamp", List.of(), Map.of(), SendOptions.defaults().queue(queue).eta(due)));
        }
        double[] late = new double[tasks];
        int missed = 0;
        Duration wait = lead.plus(spread).plus(RESULT_TIMEOUT);
        for (int i = 0; i < tasks; i++) {
            try {
                late[i] = (sent.get(i).get(wait).asLong() - dueMicros[i]) / 1000.0;
            } catch (RuntimeException e) {
                late[i] = Double.POSITIVE_INFINITY;
                missed++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("delayed_tasks", tasks);
        out.put("delayed_missed", missed);
        out.putAll(new Samples(late).summary("late_"));
        return out;
    }

    /**
     * A burst: {@code count} no-op tasks due at one instant, sent pipelined onto a queue no worker
     * consumes; how long after their due time the fleet's forwarder had moved them all (Redis's
     * own work, with the forwarder's passes of 500).
     */
    Map<String, Object> burst(String queue, int count) throws InterruptedException {
        Instant due = app.clock().instant().plusMillis(Math.max(2_000, count / 40));
        SendOptions options = SendOptions.defaults().queue(queue).ignoreResult(true).eta(due);
        List<TaskClient.Request> chunk = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            chunk.add(new TaskClient.Request("celeriac.noop", List.of(), Map.of(), options));
            if (chunk.size() == 1000 || i == count - 1) {
                client.sendAll(chunk);
                chunk.clear();
            }
        }
        byte[] delayed = app.keys().delayed().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (app.redisBroker().direct().call(jedis -> jedis.zcard(delayed)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Duration after = Duration.between(due, app.clock().instant());
        long forwarded = app.broker().queueDepths(queue).values().stream().mapToLong(Long::longValue).sum();
        app.redisBroker().direct().call(jedis -> jedis.del(app.keys().queueLists(queue).toArray(String[]::new)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("burst_tasks", count);
        out.put("burst_forwarded", forwarded);
        out.put("burst_all_forwarded_after_due_s", Samples.round(after.toMillis() / 1000.0, 2));
        return out;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
