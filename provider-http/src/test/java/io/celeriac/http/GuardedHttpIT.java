package io.celeriac.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import io.celeriac.http.testing.CountingServer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound guard against real servers on this machine. The "internal" servers listen on
 * 127.0.0.1 and [::1] and must see no connection; a "public" server listens on 127.0.0.2, a
 * range the policy allows as an operator would allow a partner network, so that redirects and
 * name answers can be served from an allowed place.
 */
class GuardedHttpIT {
    private static final ClientSettings SETTINGS = new ClientSettings(Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofSeconds(5), "celeriac-test", true);
    private static final AddressPolicy POLICY = AddressPolicy.allowing(List.of("127.0.0.2/32"));

    private CountingServer internal;
    private CountingServer internal6;
    private CountingServer open;
    private String redirectTo;

    @BeforeEach
    void start() throws IOException {
        internal = new CountingServer("127.0.0.1", r -> new MockResponse.Builder().body("ami-id\nsecret-token").build());
        internal6 = new CountingServer("::1", r -> new MockResponse.Builder().body("internal v6").build());
        open = new CountingServer("127.0.0.2", r -> r.getUrl().encodedPath().startsWith("/redirect")
                ? new MockResponse.Builder().code(302).addHeader("Location", redirectTo).build()
                : new MockResponse.Builder().body("public feed").build());
    }

    @AfterEach
    void stop() {
        internal.close();
        internal6.close();
        open.close();
    }

    private static Resolver table(String name, String address) {
        return host -> {
            if (host.equals(name)) {
                return List.of(InetAddress.getByName(address));
            }
            if (host.equals("localhost")) {
                return List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
            }
            throw new UnknownHostException(host);
        };
    }

    private static String get(GuardedHttp http, String url) throws IOException {
        try (Response response = http.execute(new Request.Builder().url(url).build())) {
            return response.body().string();
        }
    }

    private void assertInternalUntouched() {
        assertEquals(0, internal.connections(), "connections to 127.0.0.1");
        assertEquals(0, internal6.connections(), "connections to [::1]");
    }

    @Test
    void loopback_urls_in_every_spelling_are_refused_before_any_connection() {
        int p = internal.port();
        int p6 = internal6.port();
        List<String> urls = List.of("http://127.0.0.1:" + p + "/latest/meta-data/", "http://localhost:" + p + "/",
                "http://[::1]:" + p6 + "/", "http://[::ffff:127.0.0.1]:" + p + "/", "http://[::ffff:7f00:1]:" + p + "/",
                "http://2130706433:" + p + "/", "http://127.1:" + p + "/", "https://127.0.0.1:" + p + "/");
        try (GuardedHttp http = new GuardedHttp(SETTINGS, POLICY, Resolver.SYSTEM)) {
            for (String url : urls) {
                AddressRefusedException refused = assertThrows(AddressRefusedException.class, () -> get(http, url), url);
                assertEquals("loopback address", refused.kind(), url);
            }
        }
        assertInternalUntouched();
    }

    @Test
    void a_name_that_resolves_to_loopback_is_refused_and_one_that_resolves_to_an_allowed_address_is_fetched() throws IOException {
        try (GuardedHttp evil = new GuardedHttp(SETTINGS, POLICY, table("calendar.attacker.example", "127.0.0.1"));
             GuardedHttp fine = new GuardedHttp(SETTINGS, POLICY, table("calendar.partner.example", "127.0.0.2"))) {
            assertThrows(AddressRefusedException.class, () -> get(evil, "http://calendar.attacker.example:" + internal.port() + "/"));
            assertEquals("public feed", get(fine, "http://calendar.partner.example:" + open.port() + "/feed.ics"));
        }
        assertInternalUntouched();
    }

    @Test
    void a_redirect_from_an_allowed_server_into_loopback_is_not_followed() throws IOException {
        int p = internal.port();
        List<String> targets = List.of("http://127.0.0.1:" + p + "/latest/meta-data/", "http://localhost:" + p + "/",
                "http://[::1]:" + internal6.port() + "/", "http://[::ffff:127.0.0.1]:" + p + "/",
                "http://calendar.attacker.example:" + p + "/");
        try (GuardedHttp http = new GuardedHttp(SETTINGS, POLICY, table("calendar.attacker.example", "127.0.0.1"))) {
            for (String target : targets) {
                redirectTo = target;
                assertThrows(AddressRefusedException.class, () -> get(http, "http://127.0.0.2:" + open.port() + "/redirect"), target);
            }
            redirectTo = "http://127.0.0.2:" + open.port() + "/feed.ics";
            assertEquals("public feed", get(http, "http://127.0.0.2:" + open.port() + "/redirect"), "allowed hops are followed");
        }
        assertEquals(targets.size() + 2, open.requests());
        assertInternalUntouched();
    }

    @Test
    void redirects_are_bounded_and_only_to_http_urls() {
        try (GuardedHttp http = new GuardedHttp(SETTINGS, POLICY, Resolver.SYSTEM)) {
            redirectTo = "/redirect-again";
            ProtocolException loop = assertThrows(ProtocolException.class, () -> get(http, "http://127.0.0.2:" + open.port() + "/redirect"));
            assertEquals("more than 5 redirects", loop.getMessage());
            assertEquals(GuardedHttp.MAX_REDIRECTS + 1, open.requests());
            redirectTo = "file:///etc/passwd";
            assertThrows(ProtocolException.class, () -> get(http, "http://127.0.0.2:" + open.port() + "/redirect"));
        }
    }

    @Test
    void a_name_whose_answer_changes_after_the_check_is_refused_at_connect() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        Resolver rebinding = host -> List.of(InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1"));

        assertInstanceOf(HostCheck.Allowed.class, HostCheck.of("rebind.attacker.example", POLICY, rebinding),
                "the first answer is an allowed address");
        try (GuardedHttp http = new GuardedHttp(SETTINGS, POLICY, rebinding)) {
            assertThrows(AddressRefusedException.class, () -> get(http, "http://rebind.attacker.example:" + internal.port() + "/"));
        }
        assertInternalUntouched();
    }

    @Test
    void proxies_from_the_environment_are_never_used() throws IOException {
        try (CountingServer proxy = new CountingServer("127.0.0.2", r -> new MockResponse.Builder().body("via proxy").build())) {
            ProxySelector original = ProxySelector.getDefault();
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.2", proxy.port())));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                }
            });
            try (GuardedHttp http = new GuardedHttp(SETTINGS, POLICY, Resolver.SYSTEM)) {
                assertThrows(AddressRefusedException.class, () -> get(http, "http://127.0.0.1:" + internal.port() + "/"));
                assertEquals("public feed", get(http, "http://127.0.0.2:" + open.port() + "/"));
            } finally {
                ProxySelector.setDefault(original);
            }
            assertEquals(0, proxy.connections(), "the proxy would connect for us, to wherever it is asked");
        }
        assertInternalUntouched();
    }

    @Test
    void refused_reset_and_timed_out_connections_read_alike() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            closed = probe.getLocalPort();
        }
        ProviderResponses answers = new ProviderResponses("calendar feed", new RetryAfter(Duration.ofMinutes(1), Duration.ofHours(6)),
                Clock.systemUTC());
        try (GuardedHttp http = new GuardedHttp(SETTINGS, POLICY, Resolver.SYSTEM);
             CountingServer stalls = new CountingServer("127.0.0.2", r -> new MockResponse.Builder()
                     .onResponseStart(SocketEffect.Stall.INSTANCE).build());
             ResettingServer resets = new ResettingServer("127.0.0.2")) {
            List<String> messages = new java.util.ArrayList<>();
            for (int port : new int[] {closed, stalls.port(), resets.port()}) {
                IOException failure = assertThrows(IOException.class, () -> get(http, "http://127.0.0.2:" + port + "/"), "port " + port + " of " + closed + "," + stalls.port() + "," + resets.port());
                messages.add(answers.of(failure).getMessage());
            }
            assertEquals(List.of("calendar feed unavailable: could not be reached"), messages.stream().distinct().toList(),
                    "closed, silent and resetting ports give one message");
            assertTrue(stalls.connections() > 0 && resets.connections() > 0, "both servers were really reached");
        }
    }

    /** Accepts connections and resets each at once (SO_LINGER 0 sends RST). */
    private static final class ResettingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();

        ResettingServer(String address) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName(address));
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket client = socket.accept()) {
                        accepted.incrementAndGet();
                        client.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
