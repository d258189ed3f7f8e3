package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.testing.TestApp;
import io.celeriac.dashboard.auth.LoginLimiter;
import io.celeriac.dashboard.auth.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The dashboard's locks over real HTTP against the real Redis: login, rate limit, CSRF, roles, loopback-only without users. */
class DashboardSecurityIT {
    private static Application app;
    private static DashboardServer server;
    private static int port;

    @BeforeAll
    static void start() {
        app = TestApp.create(java.time.Clock.systemUTC(), "queues: [sq]\n");
        Users users = Users.parse("olga:operator:" + BCrypt.hashpw("op-secret", BCrypt.gensalt(4))
                + ",vera:viewer:" + BCrypt.hashpw("view-secret", BCrypt.gensalt(4)));
        server = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, false, users));
        port = server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        TestApp.removeKeys(app);
        app.close();
    }

    private static void forgetFailedLogins() {
        app.redis().getBucket(app.keys().dashboardLoginFailures("127.0.0.1")).delete();
    }

    @Test
    void without_a_session_pages_redirect_to_login_and_the_api_says_401() {
        Browser anonymous = new Browser(port);
        Browser.Page page = anonymous.get("/queues?queue=sq");
        assertEquals(303, page.status());
        assertEquals("/login?next=%2Fqueues%3Fqueue%3Dsq", page.location());
        assertEquals(401, anonymous.get("/api/overview").status());
        assertEquals(401, anonymous.post("/queues/purge", Map.of("queue", "sq", "confirm", "sq")).status());
        assertEquals(401, anonymous.get("/api/live").status(), "the live values need a login like the pages");
    }

    @Test
    void the_probes_answer_without_a_login_and_say_nothing_but_up_or_ready() {
        Browser anonymous = new Browser(port);
        Browser.Page live = anonymous.get("/healthz");
        assertEquals(200, live.status());
        assertEquals("{\"status\":\"up\"}", live.body());
        Browser.Page ready = anonymous.get("/readyz");
        assertEquals(200, ready.status());
        assertEquals("{\"status\":\"ready\"}", ready.body());
    }

    @Test
    void a_login_sets_an_http_only_same_site_cookie_and_shows_the_user() {
        forgetFailedLogins();
        Browser browser = new Browser(port);
        Browser.Page login = browser.login("olga", "op-secret");
        assertEquals(303, login.status(), login.body());
        assertTrue(login.setCookies().stream().anyMatch(c -> c.startsWith("celeriac_session=") && c.contains("HttpOnly")
                && c.contains("SameSite=Strict")), login.setCookies().toString());
        Browser.Page overview = browser.get("/");
        assertEquals(200, overview.status());
        assertTrue(overview.body().contains("olga (operator)"), overview.body());
        assertEquals(200, browser.get("/api/overview").status());
    }

    @Test
    void wrong_passwords_are_refused_then_rate_limited_even_with_the_right_one() {
        forgetFailedLogins();
        try {
            Browser browser = new Browser(port);
            for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
                assertEquals(401, browser.login("olga", "wrong").status());
            }
            Browser.Page blocked = browser.login("olga", "op-secret");
            assertEquals(429, blocked.status(), blocked.body());
            assertEquals(401, browser.get("/api/overview").status(), "no session was opened");
        } finally {
            forgetFailedLogins();
        }
    }

    @Test
    void a_post_without_or_with_a_wrong_csrf_token_is_403_and_changes_nothing() {
        forgetFailedLogins();
        Browser browser = new Browser(port);
        browser.login("olga", "op-secret");
        app.client().send("celeriac.noop", List.of(), Map.of(), io.celeriac.core.client.SendOptions.defaults().queue("sq"));
        assertEquals(403, browser.post("/queues/purge", Map.of("queue", "sq", "confirm", "sq")).status());
        assertEquals(403, browser.post("/queues/purge", Map.of("queue", "sq", "confirm", "sq", "csrf", "0bad")).status());
        assertEquals(1L, app.redis().getList(app.keys().queueList("sq", 0)).size());
        String csrf = browser.get("/queues").csrf();
        Browser.Page purged = browser.post("/queues/purge", Map.of("queue", "sq", "confirm", "sq", "csrf", csrf));
        assertEquals(200, purged.status(), purged.body());
        assertEquals(0L, app.redis().getList(app.keys().queueList("sq", 0)).size());
    }

    @Test
    void an_operator_pauses_and_resumes_a_queue_for_the_fleet() {
        forgetFailedLogins();
        Browser browser = new Browser(port);
        browser.login("olga", "op-secret");
        Browser.Page queues = browser.get("/queues?queue=sq");
        assertTrue(queues.body().contains(">Pause</button>"), queues.body());
        Browser.Page paused = browser.post("/queues/pause", Map.of("queue", "sq", "csrf", queues.csrf()));
        assertTrue(paused.body().contains("paused"), paused.body());
        assertTrue(app.redisBroker().pausedQueues().contains("sq"));
        assertTrue(browser.get("/queues?queue=sq").body().contains(">Resume</button>"));
        browser.post("/queues/resume", Map.of("queue", "sq", "csrf", queues.csrf()));
        assertFalse(app.redisBroker().pausedQueues().contains("sq"));
    }

    @Test
    void a_viewer_sees_no_action_buttons_and_cannot_act() {
        forgetFailedLogins();
        Browser viewer = new Browser(port);
        assertEquals(303, viewer.login("vera", "view-secret").status());
        Browser.Page queues = viewer.get("/queues");
        assertEquals(200, queues.status());
        assertTrue(queues.body().contains("sq"), queues.body());
        assertFalse(queues.body().contains("Purge") || queues.body().contains(">Pause</button>"), "no action buttons for a viewer");
        String csrf = queues.csrf(); // the logout form's
        Browser.Page refused = viewer.post("/queues/purge", Map.of("queue", "sq", "confirm", "sq", "csrf", csrf));
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("viewer cannot act"), refused.body());
    }

    @Test
    void it_refuses_a_non_loopback_bind_without_users_with_exit_2() {
        int exit = Main.run("dashboard", "--bind", "0.0.0.0", "--port", "0", "--users", "");
        assertEquals(2, exit);
    }
}
