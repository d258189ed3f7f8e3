package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.testing.TestApp;
import io.celeriac.dashboard.auth.ProxyAuth;
import io.celeriac.dashboard.auth.Users;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authentication by a reverse proxy's header: believed from the proxy's address only, roles from the operator list. */
class DashboardProxyIT {
    private static Application app;
    private static DashboardServer behindProxy;
    private static DashboardServer proxyElsewhere;

    @BeforeAll
    static void start() {
        app = TestApp.create(java.time.Clock.systemUTC(), "queues: [pq]\n");
        behindProxy = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, false, Users.none(),
                new ProxyAuth("X-Forwarded-User", Set.of("127.0.0.1"), Set.of("olga"))));
        proxyElsewhere = new DashboardServer(new Fleet(app), new DashboardSettings("127.0.0.1", 0, false, Users.none(),
                new ProxyAuth("X-Forwarded-User", Set.of("192.0.2.7"), Set.of("olga"))));
        behindProxy.start();
        proxyElsewhere.start();
    }

    @AfterAll
    static void stop() {
        behindProxy.close();
        proxyElsewhere.close();
        TestApp.removeKeys(app);
        app.close();
    }

    private static int port(DashboardServer server) {
        return server.port();
    }

    @Test
    void the_proxys_user_is_a_viewer_unless_listed_as_operator() {
        Browser vera = new Browser(port(behindProxy), Map.of("X-Forwarded-User", "vera"));
        Browser.Page queues = vera.get("/queues");
        assertEquals(200, queues.status(), queues.body());
        assertTrue(queues.body().contains("vera (viewer)") && !queues.body().contains("Purge"), queues.body());
        assertEquals(403, vera.post("/queues/purge", Map.of("queue", "pq", "confirm", "pq", "csrf", queues.csrf())).status());

        Browser olga = new Browser(port(behindProxy), Map.of("X-Forwarded-User", "olga"));
        Browser.Page asOperator = olga.get("/queues");
        assertTrue(asOperator.body().contains("olga (operator)") && asOperator.body().contains("Purge"), asOperator.body());
        assertEquals(200, olga.post("/queues/purge", Map.of("queue", "pq", "confirm", "pq", "csrf", asOperator.csrf())).status());
    }

    @Test
    void without_the_header_or_from_another_address_nobody_is_let_in() {
        assertEquals(401, new Browser(port(behindProxy)).get("/").status());
        Browser.Page direct = new Browser(port(proxyElsewhere), Map.of("X-Forwarded-User", "olga")).get("/");
        assertEquals(401, direct.status(), "the header is ignored from an address that is not the proxy's");
        assertFalse(direct.body().contains("olga"));
    }

    @Test
    void a_proxy_header_alone_lets_it_listen_off_loopback_and_needs_the_proxys_address() {
        assertTrue(new DashboardSettings("0.0.0.0", 0, false, Users.none(),
                ProxyAuth.parse("X-Forwarded-User", "10.0.0.5", "")).authenticated());
        assertEquals("--proxy-user-header needs --proxy-trusted: the proxy's addresses, the only ones believed",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> ProxyAuth.parse("X-Forwarded-User", "", "")).getMessage());
    }
}
