package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.testing.TestApp;
import io.celeriac.dashboard.auth.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Page times on a large fleet state: 1,000,000 waiting tasks, 100,000 dead letters, 100,000 delayed.
 * Off by default (it holds about 700 MB in Redis for a minute): {@code -Ddashboard.scale=true}.
 * It asserts only that every page answers 200; the times go to target/dashboard-scale.txt.
 */
class DashboardScaleIT {
    private static final int WAITING = Integer.getInteger("dashboard.scale.waiting", 1_000_000);
    private static final int DEAD = Integer.getInteger("dashboard.scale.dead", 100_000);
    private static final int DELAYED = Integer.getInteger("dashboard.scale.delayed", 100_000);
    private static final int BATCH = 10_000;
    private static final String PUSH_N = "for i = 1, tonumber(ARGV[2]) do redis.call('LPUSH', KEYS[1], ARGV[1]) end return 1";
    private static final String ZADD_N = "for i = tonumber(ARGV[3]), tonumber(ARGV[4]) do "
            + "redis.call('ZADD', KEYS[1], ARGV[5] + i, ARGV[1] .. i .. ARGV[2]) end return 1";
    private static Application app;
    private static DashboardServer server;
    private static Browser browser;

    @BeforeAll
    static void build() {
        Assumptions.assumeTrue(Boolean.getBoolean("dashboard.scale"), "set -Ddashboard.scale=true to measure");
        app = TestApp.create(Clock.systemUTC(), "queues: [big]\n");
        String id = app.client().send("t.scale", List.of(1, "some text"), Map.of(), SendOptions.defaults().queue("big")).id();
        byte[] message = app.redisBroker().keyspace().index(app.keys().queueList("big", 0), 0);
        for (int done = 1; done < WAITING; done += BATCH) {
            eval(PUSH_N, app.keys().queueList("big", 0), message, bytes(String.valueOf(Math.min(BATCH, WAITING - done))));
        }
        byte[] dead = new DeadLetterEntry("max retries (3) exceeded: boom", "big", id, "t.scale", Instant.now(), message).encode();
        for (int done = 0; done < DEAD; done += BATCH) {
            eval(PUSH_N, app.keys().dead(), dead, bytes(String.valueOf(Math.min(BATCH, DEAD - done))));
        }
        String envelope = new String(message, StandardCharsets.UTF_8);
        String[] around = envelope.split(id, 2);
        String prefix = app.keys().queueList("big", 0) + "\n" + around[0] + "delayed-";
        long due = Instant.now().plus(Duration.ofDays(1)).toEpochMilli();
        for (int from = 0; from < DELAYED; from += BATCH) {
            eval(ZADD_N, app.keys().delayed(), bytes(prefix), bytes(around[1]), bytes(String.valueOf(from)),
                    bytes(String.valueOf(Math.min(DELAYED, from + BATCH) - 1)), bytes(String.valueOf(due)));
        }
        server = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, false, Users.none()));
        browser = new Browser(server.start());
    }

    @AfterAll
    static void remove() {
        if (server != null) {
            server.close();
        }
        if (app != null) {
            TestApp.removeKeys(app);
            app.close();
        }
    }

    @Test
    void page_times() throws Exception {
        List<String> paths = List.of("/", "/api/overview", "/queues", "/workers", "/dead", "/dead?page=1999", "/dead?queue=big",
                "/delayed", "/delayed?page=1999", "/audit", "/tasks?name=nothing.*", "/tasks?text=zzz", "/api/live",
                "/task/delayed-99999", "/task/delayed-99999?queues=search", "/api/task/delayed-99999");
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%,d waiting, %,d dead letters, %,d delayed; median of 3 (ms)", WAITING, DEAD, DELAYED));
        for (String path : paths) {
            long[] ms = new long[3];
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                Browser.Page page = browser.get(path);
                ms[i] = (System.nanoTime() - start) / 1_000_000;
                System.out.println("scale: " + path + " " + ms[i] + " ms");
                assertEquals(200, page.status(), path + ": " + page.body());
            }
            Arrays.sort(ms);
            lines.add(String.format("%-22s %6d", path.replace("delayed-99999", "{id}"), ms[1]));
        }
        // /api/live answers from a 4 s cache: time the sample itself, what one poll round costs Redis
        Fleet fleet = new Fleet(app);
        long[] sample = new long[3];
        for (int i = 0; i < sample.length; i++) {
            long start = System.nanoTime();
            LiveSnapshot.sample(fleet);
            sample[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(sample);
        lines.add(String.format("%-22s %6d", "live sample (uncached)", sample[1]));
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "dashboard-scale.txt"), lines);
    }

    private static void eval(String script, String key, byte[]... args) {
        app.redisBroker().keyspace().eval(script, List.of(bytes(key)), List.of(args));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
