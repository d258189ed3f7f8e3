package io.celeriac.bench.fleet;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How fast the admin commands answer with a large fleet registered and a large backlog waiting:
 * <ol>
 *   <li>push {@code backlog} no-op messages (pipelined) onto a queue no worker consumes;</li>
 *   <li>send {@code deadLetters} undecodable messages to a worker, which dead-letters each;</li>
 *   <li>run each admin command in this JVM ({@link #TIMES} times: the command's own work, its
 *       connecting included), with what Redis spent for it; then once as a process through the
 *       launcher, as an operator runs it (JVM start included).</li>
 * </ol>
 */
final class AdminAtScale {
    static final int TIMES = 3;
    private static final List<List<String>> COMMANDS = List.of(List.of("status"), List.of("inspect", "queues"),
            List.of("inspect", "workers"), List.of("inspect", "active"), List.of("dead", "list"));

    private final Application app;
    private final RedisCounters counters;
    private final List<String> connection;

    /** @param connection the options that point a command at the bench's Redis and key prefix */
    AdminAtScale(Application app, RedisCounters counters, List<String> connection) {
        this.app = app;
        this.counters = counters;
        this.connection = List.copyOf(connection);
    }

    Map<String, Object> run(Fleet fleet, String run, long backlog, int deadLetters, Path logDir) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("registered_workers", app.broker().workerHeartbeats().size());
        String backlogQueue = run + "-backlog";
        long start = System.nanoTime();
        push(backlogQueue, backlog);
        out.put("backlog", backlog);
        out.put("backlog_push_s", Samples.round((System.nanoTime() - start) / 1e9, 1));
        String poisoned = fleet.queues(0).get(0);
        for (int i = 0; i < deadLetters; i++) {
            app.broker().publish(poisoned, 0, ("not a kombu message " + i).getBytes(StandardCharsets.UTF_8));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        byte[] dead = app.keys().dead().getBytes(StandardCharsets.UTF_8);
        while (app.redisBroker().direct().call(jedis -> jedis.llen(dead)) < deadLetters) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the poison messages were not all dead-lettered within 120 s");
            }
            Thread.sleep(50);
        }
        out.put("dead_letters", deadLetters);
        Map<String, Object> commands = new LinkedHashMap<>();
        for (List<String> command : COMMANDS) {
            commands.put(String.join(" ", command), time(command, logDir));
        }
        out.put("commands", commands);
        return out;
    }

    private void push(String queue, long count) {
        TaskClient client = app.client();
        SendOptions options = SendOptions.defaults().queue(queue).ignoreResult(true);
        List<TaskClient.Request> chunk = new ArrayList<>(1000);
        for (long i = 0; i < count; i++) {
            chunk.add(new TaskClient.Request("celeriac.noop", List.of(), Map.of(), options));
            if (chunk.size() == 1000) {
                client.sendAll(chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            client.sendAll(chunk);
        }
    }

    private Map<String, Object> time(List<String> command, Path logDir) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.addAll(connection);
        double[] millis = new double[TIMES];
        int exit = 0;
        long lines = 0;
        RedisCounters.Reading before = counters.read();
        for (int i = 0; i < TIMES; i++) {
            StringWriter printed = new StringWriter();
            var cli = Main.commandLine();
            cli.setOut(new PrintWriter(printed, true));
            cli.setErr(new PrintWriter(new StringWriter(), true));
            long t0 = System.nanoTime();
            exit = Math.max(exit, cli.execute(args.toArray(String[]::new)));
            millis[i] = (System.nanoTime() - t0) / 1e6;
            lines = printed.toString().lines().count();
        }
        RedisCounters.Window window = new RedisCounters.Window(before, counters.read());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exit_code", exit);
        out.put("output_lines", lines);
        out.put("in_jvm_ms", Arrays.stream(millis).map(m -> Samples.round(m, 0)).boxed().toList());
        out.put("redis_ms_per_run", Samples.round(redisTime(window) / 1000.0 / TIMES, 1));
        out.put("redis_calls_per_run", window.commands() / TIMES);
        Map<String, Long> top = new LinkedHashMap<>();
        window.usecPerCommand().entrySet().stream().limit(4).forEach(e -> top.put(e.getKey() + "_us", e.getValue() / TIMES));
        out.put("redis_top_per_run", top);
        out.put("as_process_ms", asProcess(args, logDir));
        return out;
    }

    /**
     * Microseconds Redis spent in commands sent by clients: a script's EVALSHA includes the time of
     * the commands it ran, which commandstats also lists under their own names, so with scripts in
     * the window this counts their inner commands twice (the idle fleet's scripts run meanwhile too).
     */
    private static long redisTime(RedisCounters.Window window) {
        return window.usecPerCommand().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Wall time of the command as its own process through the launcher, or -1 without one. */
    private static double asProcess(List<String> args, Path logDir) throws Exception {
        String launcher = System.getenv("CELERIAC_LAUNCHER");
        if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
            return -1;
        }
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logDir.resolve("admin-" + args.get(0) + ".log").toFile());
        builder.environment().put("CELERIAC_NO_BUILD", "1");
        long t0 = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return Samples.round((System.nanoTime() - t0) / 1e6, 0);
    }
}
