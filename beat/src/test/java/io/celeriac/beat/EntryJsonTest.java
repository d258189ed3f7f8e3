package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.internal.Json;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EntryJsonTest {
    private static final ObjectMapper JSON = Json.mapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> EntryJson.parse("nightly", json(text))).getMessage();
    }

    @Test
    void a_full_entry_parses_and_round_trips() {
        BeatEntry entry = EntryJson.parse("nightly", json("{'task': 'x.y', 'cron': '30 2 * * *', 'timezone': 'Europe/Paris',"
                + " 'args': [1, 'a'], 'kwargs': {'k': true}, 'options': {'queue': 'q1', 'priority': 6, 'expires': '1h'},"
                + " 'enabled': false, 'misfire': 'skip'}"));
        assertEquals("x.y", entry.task());
        assertEquals("cron 30 2 * * * Europe/Paris", entry.schedule().describe());
        assertEquals(ZoneId.of("Europe/Paris"), entry.zone());
        assertEquals(new EntryOptions("q1", 6, Duration.ofHours(1)), entry.options());
        assertFalse(entry.enabled());
        assertEquals(MisfirePolicy.SKIP, entry.misfire());
        assertEquals(entry, EntryJson.parse("nightly", EntryJson.toJson(entry)));
    }

    @Test
    void defaults_are_utc_enabled_run_once_and_no_arguments() {
        BeatEntry entry = EntryJson.parse("often", json("{'task': 'x.y', 'every': '10m'}"));
        assertEquals("every 10m", entry.schedule().describe());
        assertTrue(entry.enabled());
        assertEquals(MisfirePolicy.RUN_ONCE, entry.misfire());
        assertEquals(0, entry.args().size());
        assertEquals(0, entry.kwargs().size());
        assertEquals(EntryOptions.NONE, entry.options());
        assertEquals("{\"task\":\"x.y\",\"every\":\"10m\",\"timezone\":\"UTC\",\"args\":[],\"kwargs\":{},\"options\":{},"
                + "\"enabled\":true,\"misfire\":\"run-once\"}", EntryJson.toJson(entry).toString());
    }

    @Test
    void a_bad_cron_names_the_entry_and_field() {
        String message = error("{'task': 'x.y', 'cron': '0 25 * * *'}");
        assertTrue(message.startsWith("beat entry 'nightly': cron: invalid cron expression '0 25 * * *'"), message);
    }

    @Test
    void an_unknown_zone_names_the_entry_and_field() {
        assertTrue(error("{'task': 'x.y', 'cron': '0 2 * * *', 'timezone': 'Europe/Pariss'}")
                .startsWith("beat entry 'nightly': timezone: unknown time zone 'Europe/Pariss'"));
    }

    @Test
    void an_entry_without_a_task_names_the_entry_and_field() {
        assertEquals("beat entry 'nightly': task: is required: the name of the task to send", error("{'cron': '0 2 * * *'}"));
        assertTrue(error("{'task': ' ', 'cron': '0 2 * * *'}").contains("task: is required"));
    }

    @Test
    void other_mistakes_name_their_field() {
        assertTrue(error("{'task': 'x.y'}").contains("schedule: give exactly one of cron"));
        assertTrue(error("{'task': 'x.y', 'cron': '* * * * *', 'every': '1m'}").contains("cron: give exactly one"));
        assertTrue(error("{'task': 'x.y', 'every': 'often'}").contains("every: 'often' is not a duration"));
        assertTrue(error("{'task': 'x.y', 'every': '100ms'}").contains("every: interval must be at least 1s"));
        assertTrue(error("{'task': 'x.y', 'every': '1m', 'crom': 'x'}").contains("crom: unknown field"));
        assertTrue(error("{'task': 'x.y', 'every': '1m', 'options': {'priority': 12}}").contains("options.priority: must be"));
        assertTrue(error("{'task': 'x.y', 'every': '1m', 'options': {'routing': 'a'}}").contains("options.routing: unknown option"));
        assertTrue(error("{'task': 'x.y', 'every': '1m', 'misfire': 'later'}").contains("misfire: 'later' is not a misfire policy"));
        assertTrue(error("{'task': 'x.y', 'every': '1m', 'args': {}}").contains("args: must be a list"));
        assertTrue(error("{'task': 'x.y', 'every': '1m', 'enabled': 'yes'}").contains("enabled: must be true or false"));
        assertTrue(assertThrows(ConfigException.class, () -> EntryJson.parse("bad name", json("{'task': 'x', 'every': '1m'}")))
                .getMessage().contains("name must be"));
    }
}
