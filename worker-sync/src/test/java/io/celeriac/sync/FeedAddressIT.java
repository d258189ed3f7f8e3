package io.celeriac.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.http.Resolver;
import io.celeriac.http.testing.CountingServer;
import io.celeriac.sync.calendar.CalendarSync;
import io.celeriac.sync.db.CalendarStore;
import io.celeriac.sync.db.SourceCatalog;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.http.SyncHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's feed fetches against real servers: "internal" ones on 127.0.0.1 and [::1], which
 * count every TCP connection and must see none, and a "public" one on 127.0.0.2, a network the
 * configuration allows as an operator would allow a partner's. Sources are inserted directly, as
 * the application's web side may, so only the worker's own check stands in the way.
 */
class FeedAddressIT {
    private static final String DAY = LocalDate.now(ZoneOffset.UTC).plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
    private static final String FEED = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:ok@test", "DTSTAMP:20260101T000000Z", "DTSTART:" + DAY + "T090000Z", "DTEND:" + DAY + "T100000Z",
            "SUMMARY:Planning", "END:VEVENT", "END:VCALENDAR", "");

    private final ManualClock clock = new ManualClock(Instant.now());
    private Database database;
    private CountingServer internal;
    private CountingServer internal6;
    private CountingServer open;
    private SyncHttp http;
    private CalendarSync sync;
    private SourceCatalog catalog;
    private long mallory;

    @BeforeEach
    void setUp() throws IOException {
        database = TestDatabase.migrated();
        internal = new CountingServer("127.0.0.1", r -> new MockResponse.Builder().body(FEED.replace("Planning", "INTERNAL")).build());
        internal6 = new CountingServer("::1", r -> new MockResponse.Builder().body(FEED.replace("Planning", "INTERNAL")).build());
        open = new CountingServer("127.0.0.2", r -> switch (r.getUrl().encodedPath()) {
            case "/redirect" -> new MockResponse.Builder().code(302)
                    .addHeader("Location", "http://127.0.0.1:" + internal.port() + "/latest/meta-data/").build();
            case "/redirect-by-name" -> new MockResponse.Builder().code(302)
                    .addHeader("Location", "http://feeds.attacker.example:" + internal.port() + "/x.ics").build();
            case "/stall" -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
            default -> new MockResponse.Builder().addHeader("Content-Type", "text/calendar").body(FEED).build();
        });
        SyncSettings settings = SyncFixtures.settings("http://unused.invalid", "  allowed_networks: [\"127.0.0.2/32\"]\n");
        Resolver resolver = host -> switch (host) {
            case "feeds.attacker.example" -> List.of(InetAddress.getByName("127.0.0.1"));
            case "feeds.partner.example" -> List.of(InetAddress.getByName("127.0.0.2"));
            case "localhost" -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
            default -> throw new UnknownHostException(host);
        };
        http = new SyncHttp(settings, clock, resolver);
        sync = new CalendarSync(new SourceStore(database), new CalendarStore(database), http.feeds(),
                SyncTasks.breakers(settings, clock), settings);
        catalog = new SourceCatalog(database);
        mallory = SyncFixtures.user(database, "Mallory", "UTC");
    }

    @AfterEach
    void tearDown() {
        http.close();
        internal.close();
        internal6.close();
        open.close();
        database.jdbi().useHandle(h -> h.execute("DROP SCHEMA " + database.schema() + " CASCADE"));
        database.close();
    }

    /** name -> "status: last_error" of every source. */
    private Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT name, status || ': ' || coalesce(last_error, '-') FROM sync_calendar_sources")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> states.put(e.getKey(), e.getValue())));
        return states;
    }

    @Test
    void feeds_pointing_inside_are_marked_and_the_internal_servers_see_no_connection_while_a_public_feed_syncs() {
        int p = internal.port();
        Map<String, String> urls = Map.of(
                "direct", "http://127.0.0.1:" + p + "/latest/meta-data/",
                "localhost", "http://localhost:" + p + "/x.ics",
                "ipv6", "http://[::1]:" + internal6.port() + "/x.ics",
                "mapped", "http://[::ffff:127.0.0.1]:" + p + "/x.ics",
                "webcal", "webcal://127.0.0.1:" + p + "/x.ics",
                "name", "http://feeds.attacker.example:" + p + "/x.ics",
                "redirect", "http://127.0.0.2:" + open.port() + "/redirect",
                "redirect-by-name", "http://127.0.0.2:" + open.port() + "/redirect-by-name");
        urls.forEach((name, url) -> catalog.addCalendar(mallory, name, url));
        long ada = SyncFixtures.user(database, "Ada", "UTC");
        catalog.addCalendar(ada, "partner", "http://feeds.partner.example:" + open.port() + "/feed.ics");

        Map<String, Object> result = sync.run(null, clock).toResult();

        assertEquals(0, internal.connections(), "connections to 127.0.0.1");
        assertEquals(0, internal6.connections(), "connections to [::1]");
        assertEquals((long) urls.size(), result.get("needs_attention"), result.toString());
        assertEquals(1L, result.get("synced"), "the public feed of another user syncs in the same run");
        Map<String, String> states = states();
        urls.keySet().forEach(name -> assertTrue(states.get(name).startsWith(
                "needs_attention: the feed address points to a loopback address, which the worker does not fetch from"),
                name + ": " + states.get(name)));
        assertEquals("active: -", states.get("partner"));
        assertEquals(List.of("Planning"), database.jdbi().withHandle(h -> h.createQuery("SELECT summary FROM sync_calendar_events")
                .mapTo(String.class).list()));
        assertEquals(3, open.requests(), "two redirects and the partner's feed");
    }

    @Test
    void closed_silent_and_resetting_ports_leave_the_same_error() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            closed = probe.getLocalPort();
        }
        try (ServerSocket resets = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            Thread.ofVirtual().start(() -> {
                while (!resets.isClosed()) {
                    try (var client = resets.accept()) {
                        client.setSoLinger(true, 0);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            catalog.addCalendar(mallory, "closed", "http://127.0.0.2:" + closed + "/x.ics");
            catalog.addCalendar(mallory, "silent", "http://127.0.0.2:" + open.port() + "/stall");
            catalog.addCalendar(mallory, "reset", "http://127.0.0.2:" + resets.getLocalPort() + "/x.ics");

            sync.run(null, clock);
        }

        Map<String, String> states = states();
        assertEquals(List.of("active: calendar feed unavailable: could not be reached"), states.values().stream().distinct().toList(),
                states.toString());
    }
}
