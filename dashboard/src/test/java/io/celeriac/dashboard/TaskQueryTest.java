package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TaskQueryTest {
    private static TaskHit hit(String name, Instant at) {
        return new TaskHit("id", name, "WAITING", "q", at, "[\"Invoice-7\"] {}", "waiting");
    }

    @Test
    void a_date_alone_as_the_end_takes_in_the_whole_day() {
        TaskQuery q = TaskQuery.parse(Map.of("from", "2026-12-07", "to", "2026-12-07")::get);
        assertTrue(q.matches(hit("t", Instant.parse("2026-12-07T23:59:59Z"))));
        assertFalse(q.matches(hit("t", Instant.parse("2026-12-08T00:00:00Z"))));
        assertEquals(Instant.parse("2026-12-07T10:30:00Z"), TaskQuery.parse(Map.of("from", "2026-12-07T10:30")::get).from());
    }

    @Test
    void globs_match_the_whole_name_and_regex_characters_are_literal() {
        TaskQuery q = TaskQuery.parse(Map.of("name", "t.rep?rt.*")::get);
        assertTrue(q.matches(hit("t.report.daily", null)));
        assertFalse(q.matches(hit("tXreport.daily", null)), "a dot is a dot");
        assertFalse(q.matches(hit("x.t.report.daily", null)));
        assertTrue(TaskQuery.parse(Map.of("text", "invoice")::get).matches(hit("t", null)));
    }

    @Test
    void the_query_string_reads_back_as_the_same_query() {
        TaskQuery q = TaskQuery.parse(Map.of("name", "a b&c", "state", "dead", "from", "2026-01-01", "text", "x=y")::get);
        Map<String, String> back = new java.util.HashMap<>();
        for (String pair : q.queryString().substring(1).split("&")) {
            String[] kv = pair.split("=", 2);
            back.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(q, TaskQuery.parse(back::get));
    }

    /** Whatever the query string holds: a query or a clear IllegalArgumentException (a 400), nothing else. */
    @Property
    void any_input_is_a_query_or_a_clear_refusal(@ForAll String state, @ForAll String from, @ForAll String to, @ForAll String name) {
        try {
            TaskQuery q = TaskQuery.parse(Map.of("state", state, "from", from, "to", to, "name", name)::get);
            q.matches(hit("any", Instant.EPOCH));
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().matches("(?s)(state|from|to) .*"), refused.getMessage());
        }
    }
}
