package io.celeriac.ai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.ai.InvalidAiTaskException;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.TaskDraft;
import io.celeriac.ai.model.TaskKind;
import io.celeriac.ai.model.User;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final io.celeriac.ai.AiConfig.Limits LIMITS = io.celeriac.ai.AiConfig.defaults().limits();
    private static final User ADA = new User(7, "Ada", "ada@example.com", "+15557654321", ZoneId.of("Europe/Paris"), true, false);
    private static final User NO_PHONE = new User(8, "Bob", "bob@example.com", null, ZoneId.of("UTC"), true, true);

    private static TaskRequest request(String at, String in, String cron, String every) {
        return new TaskRequest(7L, null, "stretch", null, at, in, cron, every, null, null, null, null, null);
    }

    private static String field(TaskRequest r, User user) {
        return assertThrows(InvalidAiTaskException.class, () -> TaskValidator.validate(r, user, NOW, "k", LIMITS)).field();
    }

    @Test
    void a_local_time_is_read_in_the_users_zone() {
        TaskDraft d = TaskValidator.validate(request("2026-12-01T09:00", null, null, null), ADA, NOW, "k", LIMITS);
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), d.firstRun());
        assertEquals(TaskKind.REMINDER, d.kind());
        assertEquals(Set.of(Channel.EMAIL), d.channels(), "the user's preferences");
        assertEquals("stretch", d.title());
    }

    @Test
    void invalid_input_is_rejected_naming_the_field() {
        assertEquals("prompt", field(new TaskRequest(7L, null, " ", null, null, "5m", null, null, null, null, null, null, null), ADA));
        assertEquals("at", field(request("2026-11-30T10:30", null, null, null), ADA), "10:30 Paris is 09:30Z, in the past");
        assertEquals("at", field(request("tomorrow", null, null, null), ADA));
        assertEquals("cron", field(request(null, null, "0 25 * * *", null), ADA));
        assertEquals("every", field(request(null, null, null, "10s"), ADA));
        assertEquals("in", field(request(null, "soon", null, null), ADA));
        assertEquals("schedule", field(request(null, "5m", "0 8 * * *", null), ADA));
        assertEquals("schedule", field(request(null, null, null, null), ADA));
        assertEquals("tz", field(new TaskRequest(7L, null, "x", null, null, "5m", null, null, "Mars/Base", null, null, null, null), ADA));
        assertEquals("notify", field(new TaskRequest(8L, null, "x", null, null, "5m", null, null, null, "sms", null, null, null), NO_PHONE));
        assertEquals("notify", field(new TaskRequest(7L, null, "x", null, null, "5m", null, null, null, "pigeon", null, null, null), ADA));
        assertEquals("max_runs", field(new TaskRequest(7L, null, "x", null, null, null, null, "1h", null, null, 0, null, null), ADA));
        assertEquals("until", field(new TaskRequest(7L, null, "x", null, null, null, null, "1h", null, null, null, "2026-11-30T11:30", null), ADA));
        assertEquals("kind", field(new TaskRequest(7L, null, "x", "urgent", null, "5m", null, null, null, null, null, null, null), ADA));
    }

    @Test
    void a_cron_runs_first_at_its_next_local_time_and_is_periodic() {
        TaskDraft d = TaskValidator.validate(request(null, null, "0 8 * * MON-FRI", null), ADA, NOW, "k", LIMITS);
        assertEquals(Instant.parse("2026-12-01T07:00:00Z"), d.firstRun(), "Monday 30 Nov 08:00 Paris has passed; Tuesday");
        assertEquals(TaskKind.PERIODIC, d.kind());
    }

    @Test
    void an_interval_first_runs_one_period_from_now() {
        TaskDraft d = TaskValidator.validate(request(null, null, null, "2h"), ADA, NOW, "k", LIMITS);
        assertEquals(NOW.plusSeconds(7200), d.firstRun());
        assertTrue(d.schedule().recurring());
    }
}
