package io.celeriac.ai;

import io.celeriac.ai.db.NotificationLog;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** test_scheduler_connection and cleanup_old_logs through their registered handlers, on real Redis and PostgreSQL. */
class HousekeepingIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2027-06-30T12:00:00Z"));
    private AiFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void a_healthy_check_asks_the_llm_for_its_models_and_records_all_ok() throws Exception {
        fx = new AiFixture(clock, true);
        Map<?, ?> result = (Map<?, ?>) run(TaskNames.TEST_CONNECTION);

        assertEquals(Map.of("redis", "ok", "database", "ok", "llm", "ok", "ok", true), result);
        assertEquals("/v1/models", fx.llm.requests.get(0).path("get").asText());
        assertEquals(List.of(Map.of("checked_at", true, "redis_ok", true, "database_ok", true, "llm_ok", true, "detail", "-")),
                checks());
    }

    @Test
    void an_llm_answering_500_is_recorded_as_down_with_its_message() throws Exception {
        fx = new AiFixture(clock, true);
        fx.llm.thenFails(500, null, "upstream exploded");
        Map<?, ?> result = (Map<?, ?>) run(TaskNames.TEST_CONNECTION);

        assertEquals(false, result.get("ok"));
        assertEquals("ok", result.get("redis"));
        assertEquals("llm unavailable: HTTP 500: upstream exploded", result.get("llm"));
        Map<String, Object> row = checks().get(0);
        assertEquals(false, row.get("llm_ok"));
        assertEquals(true, row.get("redis_ok"));
        assertEquals("llm: llm unavailable: HTTP 500: upstream exploded", row.get("detail"));
    }

    @Test
    void an_llm_that_is_not_listening_is_recorded_as_down() throws Exception {
        fx = new AiFixture(clock, true);
        fx.llm.server.close();
        Map<?, ?> result = (Map<?, ?>) run(TaskNames.TEST_CONNECTION);

        assertEquals(false, result.get("ok"));
        // one text for every failure to get an answer (provider-http): whoever reads it learns nothing about the port
        assertEquals("llm unavailable: could not be reached", result.get("llm"));
        assertEquals(false, checks().get(0).get("llm_ok"));
    }

    @Test
    void without_an_llm_the_check_passes_and_records_the_llm_as_not_checked() throws Exception {
        fx = new AiFixture(clock, false);
        Map<?, ?> result = (Map<?, ?>) run(TaskNames.TEST_CONNECTION);

        assertEquals(true, result.get("ok"));
        assertEquals("not configured (offline responder)", result.get("llm"));
        Map<String, Object> row = checks().get(0);
        assertNull(row.get("llm_ok"), "no LLM: neither up nor down");
        assertEquals("-", row.get("detail"));
        assertEquals(0, fx.llm.requests.size());
    }

    @Test
    void cleanup_deletes_finished_runs_past_the_retention_with_their_notifications_and_keeps_the_rest() throws Exception {
        fx = new AiFixture(clock, false);
        User user = fx.user("Europe/Paris");
        Instant cutoff = clock.instant().minus(Duration.ofDays(30));
        long oldSucceeded = finished(user, "old-ok", RunStatus.SUCCEEDED, cutoff.minus(Duration.ofDays(1)));
        long oldFailed = finished(user, "old-failed", RunStatus.FAILED, cutoff.minus(Duration.ofDays(15)));
        long atCutoff = finished(user, "at-cutoff", RunStatus.SUCCEEDED, cutoff);
        long recent = finished(user, "recent", RunStatus.SUCCEEDED, cutoff.plus(Duration.ofDays(1)));
        long pending = fx.claim(create(user, "pending"));
        long retrying = fx.claim(create(user, "retrying"));
        var attempt = fx.startRun(retrying, cutoff.minus(Duration.ofDays(40)));
        fx.wired().runs().retrying(attempt, "llm unavailable: HTTP 503", "[]", 0, "");

        assertEquals(Map.of("deleted", 2), run(TaskNames.CLEANUP));

        for (long gone : List.of(oldSucceeded, oldFailed)) {
            assertTrue(fx.wired().runs().find(gone).isEmpty(), "run " + gone + " deleted");
            assertTrue(new NotificationLog(Database.of(fx.app)).all(gone).isEmpty(), "its notification rows too");
        }
        for (long kept : List.of(atCutoff, recent, pending, retrying)) {
            assertTrue(fx.wired().runs().find(kept).isPresent(), "run " + kept + " kept");
        }
        assertEquals(io.celeriac.ai.model.Notification.Status.SENT,
                new NotificationLog(Database.of(fx.app)).find(recent, Channel.SMS).orElseThrow().status());
        assertEquals(Map.of("deleted", 0), run(TaskNames.CLEANUP), "a second run finds nothing");
    }

    private Object run(String task) throws Exception {
        return fx.registry.find(task).orElseThrow().handler().run(new HandlerContext(fx.app, 0));
    }

    /** The recorded checks, oldest first; checked_at is whether it is the clock's time, a null detail is "-". */
    private List<Map<String, Object>> checks() {
        return Database.of(fx.app).jdbi().withHandle(h -> h.createQuery(
                        "SELECT checked_at, redis_ok, database_ok, llm_ok, detail FROM ai_connection_checks ORDER BY id")
                .map((rs, ctx) -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("checked_at", rs.getObject("checked_at", OffsetDateTime.class).toInstant().equals(clock.instant()));
                    row.put("redis_ok", rs.getBoolean("redis_ok"));
                    row.put("database_ok", rs.getBoolean("database_ok"));
                    boolean llm = rs.getBoolean("llm_ok");
                    row.put("llm_ok", rs.wasNull() ? null : llm);
                    row.put("detail", rs.getString("detail") == null ? "-" : rs.getString("detail"));
                    return row;
                }).list());
    }

    private AiTask create(User user, String key) {
        return fx.wired().service().create(new TaskRequest(user.id(), null, "Task " + key, null, null, "1h", null, null, null,
                "sms", null, null, key)).task();
    }

    /** A run that finished at {@code at}, having sent its SMS. */
    private long finished(User user, String key, RunStatus status, Instant at) {
        long runId = fx.claim(create(user, key));
        var attempt = fx.startRun(runId, at.minusSeconds(5));
        NotificationLog log = new NotificationLog(Database.of(fx.app));
        log.plan(runId, Channel.SMS, "t", "out", at);
        log.mark(runId, Channel.SMS, io.celeriac.ai.model.Notification.Status.SENT, "SM1", null, at);
        fx.wired().runs().finish(attempt, status, "out", "[]", 10, null, "sms=sent", at);
        return runId;
    }
}
