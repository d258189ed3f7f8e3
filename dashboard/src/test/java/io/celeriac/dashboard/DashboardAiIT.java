package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiRuntime;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.app.Application;
import io.celeriac.core.testing.TestApp;
import io.celeriac.dashboard.auth.Users;
import io.celeriac.db.testing.TestDatabase;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AI page against the real PostgreSQL: users' tasks listed, paused and resumed; "not configured" without a database URL. */
class DashboardAiIT {
    private static Application app;
    private static AiRuntime runtime;
    private static DashboardServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        app = TestDatabase.app(Clock.systemUTC(), "");
        runtime = new AiRuntime(app, AiConfig.from(app.config("ai"), Map.of()));
        server = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, false, Users.none()));
        browser = new Browser(server.start());
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
        TestApp.removeKeys(app);
        app.close();
    }

    @Test
    void lists_a_users_task_and_pauses_then_resumes_it() {
        long user = runtime.wired().users().add("Ada", "ada@example.com", null, ZoneId.of("Europe/Paris"), true, false,
                app.clock().instant()).id();
        AiTask task = runtime.wired().service().create(new TaskRequest(user, "Stretch <b>now</b>", "Time to stretch", null, null, null,
                "0 9 * * *", null, "Europe/Paris", "email", null, null, null)).task();
        Browser.Page page = browser.get("/ai");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("Stretch &lt;b&gt;now&lt;/b&gt;") && page.body().contains("Europe/Paris"), page.body());
        Browser.Page paused = browser.post("/ai/pause", Map.of("id", Long.toString(task.id()), "csrf", page.csrf()));
        assertTrue(paused.body().contains("is paused"), paused.body());
        assertEquals("paused", runtime.wired().service().show(task.id()).status().dbName());
        assertTrue(browser.get("/ai").body().contains(">Resume</button>"));
        Browser.Page resumed = browser.post("/ai/resume", Map.of("id", Long.toString(task.id()), "csrf", page.csrf()));
        assertTrue(resumed.body().contains("is active"), resumed.body());
        assertTrue(browser.get("/audit").body().contains("pause AI task"));
    }

    @Test
    void without_a_database_url_the_page_says_not_configured() {
        Application redisOnly = TestApp.create();
        try (DashboardServer plain = new DashboardServer(new Fleet(redisOnly),
                new DashboardSettings("127.0.0.1", 0, false, Users.none()))) {
            Browser.Page page = new Browser(plain.start()).get("/ai");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("not configured"), page.body());
            assertFalse(page.body().contains("<table>"), page.body());
        } finally {
            TestApp.removeKeys(redisOnly);
            redisOnly.close();
        }
    }
}
