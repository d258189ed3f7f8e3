package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.internal.Json;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import io.celeriac.dashboard.auth.Users;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's pages and actions over HTTP against the real Redis and a real worker (no login: loopback). */
class DashboardIT {
    private static final String XSS = "<script>alert(1)</script>";
    private static Application app;
    private static Worker worker;
    private static io.celeriac.core.control.RemoteControl remote;
    private static DashboardServer server;
    private static DashboardServer redacting;
    private static Browser browser;
    private static Browser redacted;

    @BeforeAll
    static void start() {
        app = TestApp.create(Clock.systemUTC(), "queues: [dq, idle]\n");
        TaskRegistry registry = new TaskRegistry();
        registry.register("t.ok", ctx -> "fine");
        registry.register("t.echo", ctx -> ctx.arg(0, String.class));
        registry.register("t.boom", ctx -> {
            throw new IllegalStateException("boom");
        });
        worker = TestApp.worker(app, registry, TestApp.settings("dash-worker@test", List.of("dq"), 2));
        worker.start();
        remote = io.celeriac.core.control.RemoteControl.create(app, "dash-worker@test", false);
        remote.start(worker, registry);
        server = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, false, Users.none()));
        browser = new Browser(server.start());
        redacting = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, true, Users.none()));
        redacted = new Browser(redacting.start());
    }

    @AfterAll
    static void stop() {
        server.close();
        redacting.close();
        remote.close();
        worker.close();
        TestApp.removeKeys(app);
        app.close();
    }

    private static JsonNode overview() throws Exception {
        Browser.Page page = browser.get("/api/overview");
        assertEquals(200, page.status(), page.body());
        return Json.mapper().readTree(page.body());
    }

    @Test
    void the_overview_counts_what_workers_processed_and_failed_this_minute_and_shows_the_worker() throws Exception {
        app.client().send("t.ok", List.of(), Map.of(), SendOptions.defaults().queue("dq")).get(Duration.ofSeconds(20));
        app.client().send("t.boom", List.of(), Map.of(), SendOptions.defaults().queue("dq"));
        Eventually.await("a processed and a failed task counted", Duration.ofSeconds(20), () -> {
            try {
                JsonNode hour = overview().path("last_hour");
                return sum(hour.path("processed")) >= 2 && sum(hour.path("failed")) >= 1;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode doc = overview();
        assertEquals(1, doc.path("workers_online").asInt(), doc.toString());
        assertEquals(60, doc.path("last_hour").path("processed").size());
        assertEquals(144, doc.path("last_day").path("processed").size());
        assertTrue(sum(doc.path("last_day").path("processed")) >= 2);
        assertTrue(doc.path("last_day_totals").path("failed").asLong() >= 1);
        Browser.Page page = browser.get("/");
        assertTrue(page.body().contains("id=\"chart-data\""), page.body());
        assertTrue(browser.get("/workers").body().contains("dash-worker@test"));
        assertEquals(200, browser.get("/static/uPlot.iife.min.js").status(), "the chart library is served from the jar");
    }

    @Test
    void the_overview_shows_waiting_tasks_and_how_long_the_oldest_has_waited() throws Exception {
        String waiting = app.client().send("t.ok", List.of(), Map.of(), SendOptions.defaults().queue("idle")).id();
        assertTrue(browser.get("/task/" + waiting).body().contains("search them too"), "queues are searched only when asked");
        assertTrue(browser.get("/task/" + waiting + "?queues=search").body().contains("&quot;where&quot;:&quot;queued&quot;"));
        JsonNode idle = null;
        for (JsonNode q : overview().path("queues")) {
            if (q.path("queue").asText().equals("idle")) {
                idle = q;
            }
        }
        assertEquals(1, idle.path("ready").asLong(), String.valueOf(idle));
        server.depths().runOnce();
        JsonNode depthLine = overview().path("depth_last_hour").path("queues").path("idle");
        assertEquals(60, depthLine.size(), overview().toString());
        // this minute's sample (or the previous one's, when the minute turned in between)
        assertTrue(depthLine.get(59).asLong() == 1 || depthLine.get(58).asLong() == 1, depthLine.toString());
        assertFalse(idle.path("oldest_sent").isNull(), "a Celeriac client's message carries its send time");
        assertTrue(browser.get("/").body().contains(">idle</a>"));
    }

    @Test
    void script_in_a_task_name_and_arguments_shows_as_text_on_every_page() {
        String id = app.client().send(XSS, List.of(XSS), Map.of("k", XSS), SendOptions.defaults().queue("idle")
                .countdown(Duration.ofHours(1))).id();
        pushDeadLetter(XSS, "dead-" + id, XSS, "reason " + XSS);
        for (String path : List.of("/delayed", "/dead", "/task/" + id, "/task/dead-" + id + "?queues=search")) {
            Browser.Page page = browser.get(path);
            assertEquals(200, page.status(), path + ": " + page.body());
            assertFalse(page.body().contains(XSS), path + " holds the raw script");
            assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), path + ": " + page.body());
        }
    }

    @Test
    void redact_hides_arguments_on_the_task_page_and_in_the_raw_dead_letter() {
        String id = app.client().send("t.secret", List.of("card-4111"), Map.of(), SendOptions.defaults().queue("idle")
                .countdown(Duration.ofHours(1))).id();
        assertTrue(browser.get("/task/" + id).body().contains("card-4111"));
        Browser.Page hidden = redacted.get("/task/" + id);
        assertFalse(hidden.body().contains("card-4111"), hidden.body());
        assertTrue(hidden.body().contains("hidden: --redact"));
        pushDeadLetter("t.secret", "dead-secret", "card-4111", "refused");
        assertTrue(browser.get("/dead/raw?position=0").body().contains("card-4111"));
        assertFalse(redacted.get("/dead/raw?position=0").body().contains("card-4111"));
        String echoed = app.client().send("t.echo", List.of("card-4111"), Map.of(), SendOptions.defaults().queue("dq")).id();
        app.redisResults().await(echoed, Duration.ofSeconds(20));
        assertTrue(browser.get("/api/task/" + echoed).body().contains("card-4111"));
        assertFalse(redacted.get("/api/task/" + echoed).body().contains("card-4111"), "the result is hidden in the JSON too");
        assertFalse(redacted.get("/task/" + echoed).body().contains("card-4111"));
    }

    @Test
    void a_dead_letter_is_requeued_from_its_page_and_the_action_is_audited() {
        pushDeadLetter("t.later", "requeue-me", "x", "refused");
        Browser.Page dead = browser.get("/dead?page=0&size=10");
        assertTrue(dead.body().contains("requeue-me"), dead.body());
        Browser.Page done = browser.post("/dead/requeue", Map.of("task_id", "requeue-me", "csrf", dead.csrf()));
        assertEquals(200, done.status(), done.body());
        assertTrue(done.body().contains("requeued 1"), done.body());
        assertTrue(app.redis().getList(app.keys().queueList("parked", 0)).size() >= 1, "back on its queue");
        Browser.Page audit = browser.get("/audit");
        assertTrue(audit.body().contains("requeue dead letter") && audit.body().contains("requeue-me"), audit.body());
    }

    @Test
    void all_dead_letters_of_a_queue_are_requeued_once_its_name_is_typed() {
        pushDeadLetter("t.later", "bulk-1", "x", "refused", "bulkq");
        pushDeadLetter("t.later", "bulk-2", "x", "refused", "bulkq");
        Browser.Page dead = browser.get("/dead?queue=bulkq");
        assertTrue(dead.body().contains("bulk-1") && dead.body().contains("bulk-2") && !dead.body().contains("requeue-me"), dead.body());
        Browser.Page refused = browser.post("/dead/requeue-matching", Map.of("queue", "bulkq", "confirm", "bulk", "csrf", dead.csrf()));
        assertEquals(400, refused.status());
        Browser.Page done = browser.post("/dead/requeue-matching", Map.of("queue", "bulkq", "confirm", "bulkq", "csrf", dead.csrf()));
        assertTrue(done.body().contains("requeued 2"), done.body());
        assertEquals(2, app.redis().getList(app.keys().queueList("bulkq", 0)).size());
    }

    @Test
    void dead_letters_filtered_by_task_name_are_requeued_with_the_filter_typed() {
        pushDeadLetter("t.report.daily", "by-task-1", "x", "refused", "reports");
        pushDeadLetter("t.other", "by-task-2", "x", "refused", "reports");
        Browser.Page dead = browser.get("/dead?task=t.report.*");
        assertTrue(dead.body().contains("by-task-1") && !dead.body().contains("by-task-2"), dead.body());
        Browser.Page done = browser.post("/dead/requeue-matching", Map.of("task", "t.report.*", "confirm", "t.report.*",
                "csrf", dead.csrf()));
        assertTrue(done.body().contains("requeued 1"), done.body());
        assertTrue(browser.get("/dead").body().contains("by-task-2"), "the other stays");
    }

    @Test
    void a_delayed_task_runs_now_from_its_page() {
        String id = app.client().send("t.ok", List.of(), Map.of(), SendOptions.defaults().queue("dq").countdown(Duration.ofDays(1))).id();
        Browser.Page delayed = browser.get("/delayed");
        int row = delayed.body().indexOf(id);
        assertTrue(row > 0, delayed.body());
        String form = delayed.body().substring(row);
        String rank = form.substring(form.indexOf("name=\"rank\" value=\"") + 19).split("\"")[0];
        Browser.Page done = browser.post("/delayed/run", Map.of("rank", rank, "task_id", id, "csrf", delayed.csrf()));
        assertTrue(done.body().contains("moved to the front of dq"), done.body());
        Eventually.await("the task ran", Duration.ofSeconds(20), () -> app.redisResults().get(id).isPresent());
    }

    @Test
    void a_beat_entry_is_shown_and_disabled_from_the_beat_page() throws Exception {
        io.celeriac.beat.redis.BeatStore store = io.celeriac.beat.redis.BeatStore.of(app);
        store.upsert(io.celeriac.beat.EntryJson.parse("nightly", Json.mapper().readTree(
                "{\"task\": \"t.ok\", \"cron\": \"0 3 * * *\", \"timezone\": \"Europe/Paris\"}")), store.now(),
                io.celeriac.beat.redis.BeatStore.Source.DYNAMIC);
        Browser.Page beat = browser.get("/beat");
        assertEquals(200, beat.status(), beat.body());
        assertTrue(beat.body().contains("<td>nightly</td>") && beat.body().contains("Europe/Paris"), beat.body());
        Browser.Page done = browser.post("/beat/disable", Map.of("name", "nightly", "csrf", beat.csrf()));
        assertEquals(200, done.status(), done.body());
        assertFalse(store.read("nightly").orElseThrow().enabled());
        assertTrue(browser.get("/beat").body().contains(">Enable</button>"));
    }

    @Test
    void an_operator_grows_and_shrinks_a_workers_pool_by_remote_control() {
        Browser.Page workers = browser.get("/workers");
        assertTrue(workers.body().contains(">+1</button>"), workers.body());
        Browser.Page grown = browser.post("/workers/grow", Map.of("worker", "dash-worker@test", "csrf", workers.csrf()));
        assertTrue(grown.body().contains("pool will grow"), grown.body());
        assertEquals(3, worker.concurrency());
        Browser.Page shrunk = browser.post("/workers/shrink", Map.of("worker", "dash-worker@test", "csrf", workers.csrf()));
        assertTrue(shrunk.body().contains("pool will shrink"), shrunk.body());
        assertEquals(2, worker.concurrency());
    }

    @Test
    void every_value_the_overview_and_workers_pages_mark_live_is_in_the_shared_live_snapshot() throws Exception {
        Browser.Page live = browser.get("/api/live");
        assertEquals(200, live.status(), live.body());
        JsonNode values = Json.mapper().readTree(live.body()).path("values");
        assertEquals(60, Json.mapper().readTree(live.body()).path("last_hour").path("processed").size(), "the hour chart's redraw");
        assertTrue(values.has("queue:ready:idle"), values.toString());
        assertFalse(values.path("worker:state:dash-worker@test").asText().isEmpty(), values.toString());
        for (String path : List.of("/", "/workers")) {
            String body = browser.get(path).body();
            java.util.regex.Matcher marked = java.util.regex.Pattern.compile("data-live=\"([^\"]+)\"").matcher(body);
            int count = 0;
            while (marked.find()) {
                String key = marked.group(1).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"")
                        .replace("&lt;", "<").replace("&gt;", ">");
                count++;
                if (!key.startsWith("queue:") || values.has(key)) {
                    // queues that appeared after the snapshot are shown on the page only; workers and counters always match
                    assertTrue(values.has(key), path + " marks " + key + " which the snapshot lacks: " + values);
                }
            }
            assertTrue(count >= 4, path + " marks live values: " + body);
        }
        assertTrue(browser.get("/static/dashboard.js").body().contains("/api/live"), "the polling script ships in the jar");
    }

    @Test
    void the_queues_page_shows_each_queues_rate_out_from_the_workers_counters() {
        for (int i = 0; i < 3; i++) {
            String id = app.client().send("t.ok", List.of(), Map.of(), SendOptions.defaults().queue("dq")).id();
            app.redisResults().await(id, Duration.ofSeconds(20));
        }
        Browser.Page queues = browser.get("/queues?queue=dq");
        java.util.regex.Matcher out = java.util.regex.Pattern.compile("title=\"(\\d+) in the last 5 min\"").matcher(queues.body());
        // the counter is written with the outcome, in the same script as the result awaited above
        assertTrue(out.find() && Long.parseLong(out.group(1)) >= 3, queues.body());
        assertTrue(queues.body().contains("In /min (est.)"), queues.body());
    }

    @Test
    void the_rate_in_is_estimated_from_the_rate_out_and_the_depth_samples_at_the_windows_ends() {
        Instant now = Instant.parse("2026-03-01T10:30:20Z");
        long minute = io.celeriac.core.broker.TaskCounters.minuteOf(now);
        Map<String, byte[]> keys = new java.util.HashMap<>();
        for (long m = minute - 4; m <= minute; m++) {
            keys.put(app.keys().minuteCounter(io.celeriac.core.broker.TaskCounters.doneFrom("rq"), m), "2".getBytes(StandardCharsets.US_ASCII));
        }
        keys.put(app.keys().queueDepthSample("rq", minute - 5), "20".getBytes(StandardCharsets.US_ASCII));
        keys.put(app.keys().queueDepthSample("rq", minute), "30".getBytes(StandardCharsets.US_ASCII));
        app.redisBroker().keyspace().setAll(keys, 600);
        Fleet fleet = new Fleet(app);
        QueueRates.Rate rate = fleet.rates().lastMinutes(List.of("rq"), now).get("rq");
        assertEquals(10, rate.done());
        assertEquals(2.0, rate.outPerMinute());
        assertEquals(4.0, rate.inPerMinute(), "10 left and the queue grew by 10: 20 arrived in 5 minutes");
        assertEquals(null, fleet.rates().lastMinutes(List.of("rq"), now.plusSeconds(60)).get("rq").inPerMinute(),
                "without a sample at the window's start the rate in is unknown");
    }

    @Test
    void a_beat_entry_runs_once_now_from_the_beat_page_without_touching_its_schedule() throws Exception {
        io.celeriac.beat.redis.BeatStore store = io.celeriac.beat.redis.BeatStore.of(app);
        store.upsert(io.celeriac.beat.EntryJson.parse("hourly-echo", Json.mapper().readTree(
                "{\"task\": \"t.echo\", \"cron\": \"0 * * * *\", \"args\": [\"from beat\"], \"options\": {\"queue\": \"dq\"}}")),
                store.now(), io.celeriac.beat.redis.BeatStore.Source.DYNAMIC);
        Browser.Page beat = browser.get("/beat");
        assertTrue(beat.body().contains(">Run now</button>"), beat.body());
        Browser.Page done = browser.post("/beat/run", Map.of("name", "hourly-echo", "csrf", beat.csrf()));
        assertEquals(200, done.status(), done.body());
        java.util.regex.Matcher sent = java.util.regex.Pattern.compile("sent t.echo as task ([0-9a-f-]{36})").matcher(done.body());
        assertTrue(sent.find(), done.body());
        assertEquals("\"from beat\"", app.redisResults().await(sent.group(1), Duration.ofSeconds(20)).result().toString());
        assertEquals(0, store.read("hourly-echo").orElseThrow().state().runs(), "a run now is not one of the schedule's runs");
        assertTrue(browser.get("/audit").body().contains("run beat entry now"));
        assertEquals(400, browser.post("/beat/run", Map.of("name", "no-such-entry", "csrf", beat.csrf())).status());
    }

    @Test
    void an_operator_makes_a_worker_consume_another_queue_and_stop_again_by_remote_control() {
        Browser.Page workers = browser.get("/workers");
        assertTrue(workers.body().contains(">Add consumer</button>") && workers.body().contains(">Stop consuming dq</button>"),
                workers.body());
        Browser.Page added = browser.post("/workers/add-consumer", Map.of("worker", "dash-worker@test", "queue", "extra",
                "csrf", workers.csrf()));
        assertTrue(added.body().contains("add consumer extra"), added.body());
        String id = app.client().send("t.ok", List.of(), Map.of(), SendOptions.defaults().queue("extra")).id();
        app.redisResults().await(id, Duration.ofSeconds(20));
        Browser.Page cancelled = browser.post("/workers/cancel-consumer", Map.of("worker", "dash-worker@test", "queue", "extra",
                "csrf", workers.csrf()));
        assertTrue(cancelled.body().contains("no longer consuming from extra"), cancelled.body());
        assertTrue(browser.get("/audit").body().contains("cancel consumer"));
        assertEquals(400, browser.post("/workers/add-consumer", Map.of("worker", "dash-worker@test", "queue", "",
                "csrf", workers.csrf())).status(), "a queue name is needed");
    }

    @Test
    void bad_paging_input_is_a_clear_400() {
        Browser.Page page = browser.get("/dead?page=x");
        assertEquals(400, page.status());
        assertTrue(page.body().contains("page must be a number"), page.body());
        assertEquals(400, browser.get("/dead?size=100000").status());
    }

    private static void pushDeadLetter(String task, String taskId, String arg, String reason) {
        pushDeadLetter(task, taskId, arg, reason, "parked");
    }

    private static void pushDeadLetter(String task, String taskId, String arg, String reason, String queue) {
        String message = "{\"body\":\"\",\"headers\":{\"id\":\"" + taskId + "\",\"task\":\"" + task.replace("\"", "") + "\",\"argsrepr\":\""
                + arg + "\"},\"properties\":{\"delivery_info\":{\"routing_key\":\"" + queue + "\"}}}";
        DeadLetterEntry entry = new DeadLetterEntry(reason, queue, taskId, task, Instant.now(),
                message.getBytes(StandardCharsets.UTF_8));
        app.redis().getList(app.keys().dead(), org.redisson.client.codec.ByteArrayCodec.INSTANCE).add(0, entry.encode());
    }

    private static long sum(JsonNode values) {
        long total = 0;
        for (JsonNode v : values) {
            total += v.asLong();
        }
        return total;
    }
}
