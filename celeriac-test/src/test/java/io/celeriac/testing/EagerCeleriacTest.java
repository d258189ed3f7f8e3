package io.celeriac.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacTask;
import io.celeriac.Options;
import io.celeriac.ResultTimeoutException;
import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskResult;
import io.celeriac.TaskState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EagerCeleriacTest {
    record Greeting(String name, String language) {
    }

    static final Task<Greeting, String> GREET = Task.of("demo.greet", Greeting.class, String.class);
    static final Task<Integer, Integer> DOUBLE = Task.of("demo.double", Integer.class, Integer.class);
    static final Task<List<Integer>, Integer> SUM = Task.of("demo.sum", new TypeReference<List<Integer>>() { }, new TypeReference<Integer>() { });
    static final Task<Integer, Integer> BROKEN = Task.of("demo.broken", Integer.class, Integer.class).settings(s -> s.maxRetries(0));

    static final class Arithmetic {
        @CeleriacTask("demo.add")
        long add(long x, long y) {
            return x + y;
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2030-03-01T10:00:00Z"));

    private EagerCeleriac celeriac() {
        return EagerCeleriac.builder().clock(clock)
                .task(GREET, (greeting, context) -> "Hello, " + greeting.name())
                .task(DOUBLE, (n, context) -> n * 2)
                .task(SUM, (numbers, context) -> numbers.stream().mapToInt(Integer::intValue).sum())
                .task(BROKEN, (n, context) -> {
                    throw new IllegalStateException("part " + n + " broke");
                })
                .tasks(new Arithmetic())
                .route("demo.g*", "greetings")
                .build();
    }

    @Test
    void a_typed_task_runs_at_once_and_its_message_is_recorded_as_sent() {
        EagerCeleriac celeriac = celeriac();
        TaskResult<String> result = celeriac.send(GREET, new Greeting("Ada", "en"));
        assertEquals("Hello, Ada", result.get(Duration.ZERO));
        assertEquals(TaskState.SUCCESS, result.state());
        assertEquals("Hello, Ada", result.future().join(), "the future is complete already");
        SentTask sent = celeriac.sent().one("demo.greet");
        assertEquals(result.id(), sent.id());
        assertEquals("greetings", sent.queue(), "routed by the pattern");
        assertEquals(List.of(Map.of("name", "Ada", "language", "en")), sent.args(), "the JSON a Python worker reads");
        assertEquals(new Greeting("Ada", "en"), sent.arg(0, Greeting.class));
        assertNull(sent.countdown());
        celeriac.sent().none("demo.double");
    }

    @Test
    void annotated_methods_bind_like_a_worker_and_a_call_that_does_not_fit_fails_as_a_type_error() {
        EagerCeleriac celeriac = celeriac();
        assertEquals(7L, celeriac.send("demo.add", List.of(3), Map.of("y", 4), Options.defaults()).get(Duration.ZERO).asLong());
        TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> celeriac.send("demo.add", List.of(1, 2, 3), Map.of(), Options.defaults()).get(Duration.ZERO));
        assertEquals("TypeError", failure.type());
        assertTrue(failure.getMessage().contains("demo.add() takes 2 positional arguments but 3 were given"), failure.getMessage());
    }

    @Test
    void a_countdown_waits_for_the_clock_and_runs_when_the_clock_reaches_it() {
        EagerCeleriac celeriac = celeriac();
        TaskResult<Integer> later = celeriac.send(DOUBLE, 21, Options.defaults().countdown(Duration.ofMinutes(5)).queue("slow"));
        SentTask sent = celeriac.sent().one("demo.double");
        assertEquals(Duration.ofMinutes(5), sent.countdown());
        assertEquals(Instant.parse("2030-03-01T10:05:00Z"), sent.eta());
        assertEquals("slow", sent.queue());
        assertTrue(sent.delayed());
        assertEquals(TaskState.PENDING, later.state());
        assertThrows(ResultTimeoutException.class, () -> later.get(Duration.ofSeconds(1)), "nothing runs while a test waits");

        celeriac.advance(Duration.ofMinutes(4));
        assertEquals(TaskState.PENDING, later.state());
        celeriac.advance(Duration.ofMinutes(1));
        assertEquals(42, later.get(Duration.ZERO));
        assertEquals(0, celeriac.waiting());
    }

    @Test
    void a_retry_waits_its_countdown_and_a_task_that_keeps_failing_ends_in_failure() {
        AtomicInteger attempts = new AtomicInteger();
        Task<String, String> fetch = Task.of("demo.fetch", String.class, String.class);
        EagerCeleriac celeriac = EagerCeleriac.builder().clock(clock).task(fetch, (url, context) -> {
            if (attempts.incrementAndGet() < 3) {
                throw context.retry(Duration.ofSeconds(30), new IOException("connection reset"));
            }
            return "fetched " + url + " after " + context.retries() + " retries";
        }).build();
        TaskResult<String> result = celeriac.send(fetch, "https://example.com");
        assertEquals(TaskState.RETRY, result.state());
        celeriac.advance(Duration.ofSeconds(30));
        assertEquals(TaskState.RETRY, result.state());
        celeriac.advance(Duration.ofSeconds(30));
        assertEquals("fetched https://example.com after 2 retries", result.get(Duration.ZERO));
        assertEquals(1, celeriac.sent().size(), "retries are not new sends");

        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> celeriac().send(BROKEN, 1).get(Duration.ZERO));
        assertEquals("IllegalStateException", failure.type());
        assertEquals("java.lang", failure.module());
    }

    @Test
    void chains_pass_results_on_groups_collect_them_and_chords_run_their_body_once() {
        EagerCeleriac celeriac = celeriac();
        assertEquals(24, celeriac.chain(List.of(DOUBLE.with(3), DOUBLE.partial()), DOUBLE.partial()).get(Duration.ZERO));
        assertEquals(List.of(2, 4, 6), celeriac.group(List.of(DOUBLE.with(1), DOUBLE.with(2), DOUBLE.with(3))).get(Duration.ZERO));
        assertEquals(20, celeriac.chord(List.of(DOUBLE.with(1), DOUBLE.with(2), DOUBLE.with(3), DOUBLE.with(4)), SUM.partial())
                .get(Duration.ZERO));
        assertEquals(List.of(List.of(2, 4, 6, 8)), celeriac.sent().last("demo.sum").args());

        TaskResult<Integer> broken = celeriac.chord(List.of(DOUBLE.with(1), BROKEN.with(2)), SUM.partial());
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> broken.get(Duration.ZERO));
        assertEquals("ChordError", failure.type());
        assertTrue(failure.getMessage().contains("part 2 broke"), failure.getMessage());

        TaskResult<Integer> afterBroken = celeriac.chain(List.of(BROKEN.with(1)), DOUBLE.partial());
        assertEquals(TaskState.FAILURE, afterBroken.state(), "the rest of a failed chain fails with it");
    }

    @Test
    void periodic_entries_fire_at_each_occurrence_as_the_clock_moves() {
        EagerCeleriac celeriac = EagerCeleriac.builder().clock(clock)
                .task(DOUBLE, (n, context) -> n * 2)
                .every(Duration.ofMinutes(10), DOUBLE.with(5))
                .cron("0 2 * * *", java.time.ZoneId.of("Europe/Paris"), GREET.with(new Greeting("night", "en")))
                .build();
        celeriac.advance(Duration.ofHours(1));
        List<SentTask> ticks = celeriac.sent().named("demo.double");
        assertEquals(6, ticks.size());
        assertEquals(Instant.parse("2030-03-01T10:10:00Z"), ticks.get(0).sentAt(), "each at its own time");
        assertEquals(Instant.parse("2030-03-01T11:00:00Z"), ticks.get(5).sentAt());
        celeriac.sent().none("demo.greet");
        celeriac.advance(Duration.ofHours(15));
        SentTask nightly = celeriac.sent().one("demo.greet");
        assertEquals(Instant.parse("2030-03-02T01:00:00Z"), nightly.sentAt(), "02:00 in Paris (UTC+1 in March)");
        assertEquals(TaskState.PENDING, celeriac.result(nightly.id(), String.class).state(), "no body here: recorded, left pending");
    }

    static final class Signup {
        private final Celeriac celeriac;

        Signup(Celeriac celeriac) {
            this.celeriac = celeriac;
        }

        @CeleriacTask("demo.signup")
        String signup(String email, TaskContext context) {
            celeriac.send("mail.welcome", List.of(email), Map.of(), Options.defaults().queue("mail"));
            celeriac.send("mail.remind", List.of(email), Map.of(), Options.defaults().countdown(Duration.ofDays(1)));
            return context.taskId();
        }
    }

    @Test
    void a_task_sending_tasks_records_them_with_their_parent_and_a_revoked_waiting_task_never_runs() {
        AtomicInteger reminded = new AtomicInteger();
        EagerCeleriac[] holder = new EagerCeleriac[1];
        Task<String, Void> remind = Task.of("mail.remind", String.class, Void.class);
        holder[0] = EagerCeleriac.builder().clock(clock).task(remind, (email, context) -> {
            reminded.incrementAndGet();
            return null;
        }).tasks(new Signup(new Celeriac() {
            @Override
            public <R> TaskResult<R> send(io.celeriac.Signature<R> signature) {
                return holder[0].send(signature);
            }

            @Override
            public <R> TaskResult<R> chain(List<io.celeriac.Signature<?>> steps, io.celeriac.Signature<R> last) {
                return holder[0].chain(steps, last);
            }

            @Override
            public <R> io.celeriac.GroupResult<R> group(List<io.celeriac.Signature<R>> members) {
                return holder[0].group(members);
            }

            @Override
            public <P, R> TaskResult<R> chord(List<io.celeriac.Signature<P>> header, io.celeriac.Signature<R> body) {
                return holder[0].chord(header, body);
            }

            @Override
            public <R> TaskResult<R> result(String taskId, Class<R> type) {
                return holder[0].result(taskId, type);
            }

            @Override
            public void close() {
            }
        })).build();
        EagerCeleriac celeriac = holder[0];
        String signupId = celeriac.send("demo.signup", List.of("ada@example.com"), Map.of(), Options.defaults()).get(Duration.ZERO).asText();
        SentTask welcome = celeriac.sent().one("mail.welcome");
        assertEquals("mail", welcome.queue());
        assertEquals(signupId, welcome.parentId());
        SentTask reminder = celeriac.sent().one("mail.remind");
        assertEquals(Duration.ofDays(1), reminder.countdown());

        celeriac.result(reminder.id(), Void.class).revoke(false);
        celeriac.advance(Duration.ofDays(2));
        assertEquals(0, reminded.get(), "revoked before its time");
        assertEquals(TaskState.REVOKED, celeriac.result(reminder.id(), Void.class).state());
    }

    @Test
    void a_task_past_its_expiry_is_revoked_instead_of_run() {
        EagerCeleriac celeriac = celeriac();
        TaskResult<Integer> late = celeriac.send(DOUBLE, 1, Options.defaults().countdown(Duration.ofMinutes(10))
                .expires(clock.instant().plus(Duration.ofMinutes(5))));
        celeriac.advance(Duration.ofMinutes(10));
        assertEquals(TaskState.REVOKED, late.state());
        assertThrows(TaskFailedException.class, () -> late.get(Duration.ZERO));
    }

    @Test
    void expectations_that_fail_say_what_was_sent() {
        EagerCeleriac celeriac = celeriac();
        celeriac.send(DOUBLE, 2);
        AssertionError missing = assertThrows(AssertionError.class, () -> celeriac.sent().one("demo.greet"));
        assertTrue(missing.getMessage().contains("expected one demo.greet sent, found 0; sent: [demo.double[2]{} -> celery]"), missing.getMessage());
    }
}
