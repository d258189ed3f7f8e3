package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.task.TaskRegistry;
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

/** Task search over the queues', delayed set's, dead letters' and results' windows, against the real Redis and a real worker. */
class DashboardSearchIT {
    private static Application app;
    private static Worker worker;
    private static DashboardServer server;
    private static Browser browser;
    private static String waiting;
    private static String delayed;
    private static String done;

    @BeforeAll
    static void start() {
        app = TestApp.create(Clock.systemUTC(), "queues: [sq, sw]\nresult_extended: true\n");
        TaskRegistry registry = new TaskRegistry();
        registry.register("s.done", ctx -> "ok");
        worker = TestApp.worker(app, registry, 
                // result_extended: results carry the task's name, queue and arguments, so a search can match them
                new io.celeriac.core.worker.WorkerSettings("search-worker@test", List.of("sw"), 1, 1, 0, Duration.ofSeconds(5),
                        Duration.ofSeconds(3), Duration.ofHours(1), true));
        worker.start();
        waiting = app.client().send("s.report", List.of("invoice-77"), Map.of(), SendOptions.defaults().queue("sq")).id();
        delayed = app.client().send("s.report", List.of("invoice-88"), Map.of(), SendOptions.defaults().queue("sq")
                .countdown(Duration.ofHours(1))).id();
        pushDeadLetter("s.report", "dead-report-1", "sq", "refused: no handler");
        pushDeadLetter("<script>alert(1)</script>", "dead-xss", "sq", "refused");
        done = app.client().send("s.done", List.of("receipt-5"), Map.of(), SendOptions.defaults().queue("sw")).id();
        app.redisResults().await(done, Duration.ofSeconds(20));
        server = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, false, Users.none()));
        browser = new Browser(server.start());
    }

    @AfterAll
    static void stop() {
        server.close();
        worker.close();
        TestApp.removeKeys(app);
        app.close();
    }

    @Test
    void a_name_finds_the_task_waiting_delayed_and_dead_and_a_state_narrows_it() {
        String all = browser.get("/tasks?name=s.report").body();
        assertTrue(all.contains(waiting) && all.contains(delayed) && all.contains("dead-report-1"), all);
        assertFalse(all.contains(done), "another task's name does not match");
        String onlyDelayed = browser.get("/tasks?name=s.rep*&state=delayed").body();
        assertTrue(onlyDelayed.contains(delayed) && !onlyDelayed.contains(waiting) && !onlyDelayed.contains("dead-report-1"), onlyDelayed);
        String waitingInQueue = browser.get("/tasks?queue=sq&state=WAITING").body();
        assertTrue(waitingInQueue.contains(waiting) && !waitingInQueue.contains(delayed), waitingInQueue);
    }

    @Test
    void argument_text_matches_case_insensitively_and_results_are_searched_by_state() {
        String byText = browser.get("/tasks?text=INVOICE-77").body();
        assertTrue(byText.contains(waiting) && !byText.contains(delayed), byText);
        String succeeded = browser.get("/tasks?state=SUCCESS&name=s.done&text=receipt").body();
        assertTrue(succeeded.contains(done) && succeeded.contains("result stored"), succeeded);
    }

    @Test
    void a_time_range_keeps_what_happened_inside_it() {
        assertFalse(browser.get("/tasks?name=s.report&to=2000-01-01").body().contains(waiting));
        String today = browser.get("/tasks?name=s.report&state=WAITING&from=" + Instant.now().minus(Duration.ofHours(1))).body();
        assertTrue(today.contains(waiting), today);
    }

    @Test
    void results_are_paged_with_the_filters_kept_in_the_links_and_the_page_says_what_it_read() {
        String first = browser.get("/tasks?name=s.report&size=2").body();
        assertTrue(first.contains("page 1 of 2 (3)"), first);
        assertTrue(first.contains("?page=1&size=2&amp;name=s.report"), "the next page's link keeps the filter: " + first);
        assertTrue(browser.get("/tasks?page=1&size=2&name=s.report").body().contains("page 2 of 2"));
        assertTrue(first.contains("queue sq (next to run per priority): read 1 of 1 (all)"), first);
        assertTrue(first.contains("dead letters (newest): read 2 of 2 (all)"), first);
    }

    @Test
    void script_in_a_task_name_shows_as_text_and_bad_filters_are_a_clear_400() {
        String page = browser.get("/tasks?queue=sq").body();
        assertFalse(page.contains("<script>alert(1)</script>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        Browser.Page bad = browser.get("/tasks?state=bogus");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("state must be one of"), bad.body());
        assertEquals(400, browser.get("/tasks?from=yesterday").status());
    }

    @Test
    void the_same_search_is_json_under_api_and_redact_leaves_the_arguments_out_and_refuses_text() throws Exception {
        com.fasterxml.jackson.databind.JsonNode doc = io.celeriac.core.internal.Json.mapper().readTree(
                browser.get("/api/tasks?name=s.report&state=WAITING").body());
        assertEquals(1, doc.path("total").asInt(), doc.toString());
        assertEquals(waiting, doc.path("hits").path(0).path("id").asText());
        assertTrue(doc.path("hits").path(0).path("arguments").asText().contains("invoice-77"));
        assertTrue(doc.path("coverage").size() >= 4, doc.toString());
        try (DashboardServer redacting = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, true, Users.none()))) {
            Browser hidden = new Browser(redacting.start());
            String json = hidden.get("/api/tasks?name=s.report").body();
            assertTrue(json.contains(waiting) && !json.contains("invoice-77"), json);
            assertFalse(hidden.get("/tasks?name=s.report").body().contains("invoice-77"));
            assertEquals(400, hidden.get("/api/tasks?text=invoice").status(), "a yes/no on hidden arguments would leak them");
        }
    }

    private static void pushDeadLetter(String task, String taskId, String queue, String reason) {
        String message = "{\"body\":\"\",\"headers\":{\"id\":\"" + taskId + "\",\"task\":\"" + task + "\"},"
                + "\"properties\":{\"delivery_info\":{\"routing_key\":\"" + queue + "\"}}}";
        DeadLetterEntry entry = new DeadLetterEntry(reason, queue, taskId, task, Instant.now(), message.getBytes(StandardCharsets.UTF_8));
        app.redis().getList(app.keys().dead(), org.redisson.client.codec.ByteArrayCodec.INSTANCE).add(0, entry.encode());
    }
}
