package io.celeriac.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.sync.db.SourceCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recurrence bombs against a whole sync run in a worker-sized JVM of its own (-Xmx64m, where a
 * rule by the second used to need gigabytes): the bombs' user gets its feeds marked, and the
 * other users' feeds, later in the same run, sync. With the limits raised so high that the heap
 * really runs out, the feed that exhausted it fails alone and the run still goes on.
 */
class CalendarBombIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = LocalDate.now(ZoneOffset.UTC).plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);

    private Database database;
    private FeedServer server;
    private long ada;
    private long bob;

    @BeforeEach
    void setUp() throws IOException {
        database = TestDatabase.migrated();
        server = new FeedServer();
        SourceCatalog catalog = new SourceCatalog(database);
        long mallory = SyncFixtures.user(database, "Mallory", "UTC");
        ada = SyncFixtures.user(database, "Ada", "UTC");
        bob = SyncFixtures.user(database, "Bob", "UTC");
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        Map<String, String> bombs = new TreeMap<>(Map.of(
                "/1-secondly.ics", "UID:s\nDTSTART:" + today + "T000000Z\nRRULE:FREQ=SECONDLY",
                "/2-yearly-every-second.ics", "UID:y\nDTSTART:" + today + "T000000Z\nRRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,"
                        + "13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,10,20,30,40,50;BYSECOND=0,15,30,45",
                "/3-secondly-since-1900.ics", "UID:o\nDTSTART:19000101T000000Z\nRRULE:FREQ=SECONDLY;INTERVAL=3",
                "/4-counted-from-2020.ics", "UID:c\nDTSTART:20200101T000000Z\nRRULE:FREQ=SECONDLY;COUNT=2000000000"));
        for (Map.Entry<String, String> bomb : bombs.entrySet()) {
            server.routes.put(bomb.getKey(), FeedServer.feed(feed(bomb.getValue() + "\nDTSTAMP:20260101T000000Z\nSUMMARY:x"),
                    "\"b\"", false));
            catalog.addCalendar(mallory, bomb.getKey(), server.url(bomb.getKey(), false));
        }
        server.routes.put("/ada.ics", FeedServer.feed(feed("UID:a1\nDTSTAMP:20260101T000000Z\nDTSTART:" + DAY
                + "T090000Z\nDTEND:" + DAY + "T100000Z\nSUMMARY:Planning"), "\"a\"", false));
        server.routes.put("/bob.ics", FeedServer.feed(feed("UID:b1\nDTSTAMP:20260101T000000Z\nDTSTART:" + DAY
                + "T120000Z\nDTEND:" + DAY + "T130000Z\nRRULE:FREQ=DAILY;COUNT=5\nSUMMARY:Lunch"), "\"b\"", false));
        catalog.addCalendar(ada, "Ada", server.url("/ada.ics", false));
        catalog.addCalendar(bob, "Bob", server.url("/bob.ics", false));
    }

    @AfterEach
    void tearDown() {
        server.close();
        database.jdbi().useHandle(h -> h.execute("DROP SCHEMA " + database.schema() + " CASCADE"));
        database.close();
    }

    private static String feed(String event) {
        return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
                event.replace("\n", "\r\n"), "END:VEVENT", "END:VCALENDAR", "");
    }

    /** Runs one sync in a JVM with a 64 MB heap; returns its RESULT line's counts. */
    private JsonNode runInSmallHeap(String syncYaml) throws Exception {
        DatabaseUrl url = TestDatabase.url();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), BombSync.class.getName(),
                url.jdbcUrl(), url.username() == null ? "" : url.username(), database.schema(), syncYaml));
        Path log = Files.createTempFile("bomb-sync", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the sync run ended");
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), output);
            String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(() -> new AssertionError(output));
            System.out.println(output.lines().filter(l -> l.startsWith("PEAK_HEAP_MB")).findFirst().orElse("no peak"));
            return JSON.readTree(result.substring("RESULT ".length()));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private Map<String, String> errors() {
        Map<String, String> errors = new TreeMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT name, status || ': ' || coalesce(last_error, '') FROM sync_calendar_sources")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> errors.put(e.getKey(), e.getValue())));
        return errors;
    }

    private long events(long user) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM sync_calendar_events WHERE user_id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    @Test
    void bombs_are_stopped_at_their_limits_in_a_small_heap_and_the_other_users_feeds_sync_in_the_same_run() throws Exception {
        JsonNode result = runInSmallHeap("sync:\n  calendar_concurrency: 1\n  allowed_networks: [\"127.0.0.0/8\"]\n");

        assertEquals(6, result.get("sources").asInt());
        assertEquals(4, result.get("needs_attention").asInt(), result.toString());
        assertEquals(2, result.get("synced").asInt(), result.toString());
        Map<String, String> errors = errors();
        assertTrue(errors.get("/1-secondly.ics").startsWith("needs_attention: an event repeats more than 1000 times"), errors.toString());
        assertTrue(errors.get("/2-yearly-every-second.ics").startsWith("needs_attention: a recurrence rule asks for more than 5000 times"),
                errors.toString());
        assertTrue(errors.get("/3-secondly-since-1900.ics").startsWith("needs_attention: a recurrence rule starts too long before"),
                errors.toString());
        assertTrue(errors.get("/4-counted-from-2020.ics").startsWith("needs_attention: a recurrence rule needs more than 201000 steps"),
                errors.toString());
        assertEquals(1, events(ada));
        assertEquals(5, events(bob));
    }

    @Test
    void a_feed_that_exhausts_the_heap_fails_alone_and_the_run_goes_on() throws Exception {
        JsonNode result = runInSmallHeap("sync:\n  calendar_concurrency: 1\n  allowed_networks: [\"127.0.0.0/8\"]\n"
                + "  max_instances_per_event: 1000000\n  max_instances_per_feed: 1000000\n");

        Map<String, String> errors = errors();
        String exhausted = "active: could not be processed: it needed more memory than the worker could give";
        assertEquals(exhausted, errors.get("/1-secondly.ics"),
                "a rule by the second from today, under limits an operator set far too high, really exhausts 64 MB");
        assertEquals(exhausted, errors.get("/4-counted-from-2020.ics"), "so does ical4j's own walk from 2020 to the window");
        assertEquals(2, result.get("failed").asInt(), result.toString());
        assertEquals(2, result.get("synced").asInt(), result.toString());
        assertEquals(1, events(ada));
        assertEquals(5, events(bob));
    }
}
