package io.celeriac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacTask;
import io.celeriac.CeleriacWorker;
import io.celeriac.GroupResult;
import io.celeriac.Options;
import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.celeriac.TaskFailedException;
import io.celeriac.TaskResult;
import io.celeriac.TaskState;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public Java API end to end: typed tasks, annotated methods, futures, chains, groups, bad calls. */
class JavaApiIT {
    record Greeting(String name, String language) {
    }

    static final Task<Greeting, String> GREET = Task.of("api.greet", Greeting.class, String.class);
    static final Task<Integer, Integer> DOUBLE = Task.of("api.double", Integer.class, Integer.class);
    static final Task<List<Integer>, Integer> SUM = Task.of("api.sum", new com.fasterxml.jackson.core.type.TypeReference<List<Integer>>() { },
            new com.fasterxml.jackson.core.type.TypeReference<Integer>() { });
    static final Task<Integer, String> PROGRESSING = Task.of("api.progressing", Integer.class, String.class)
            .settings(s -> s.trackStarted(true));
    static final java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
    static final Task<Integer, Integer> BROKEN = Task.of("api.broken", Integer.class, Integer.class).settings(s -> s.maxRetries(0));

    static final class Arithmetic {
        @CeleriacTask("api.add")
        long add(long x, long y) {
            return x + y;
        }

        @CeleriacTask(value = "api.whoami", maxRetries = 0)
        String whoami(TaskContext context) {
            return context.taskName() + " on " + context.hostname();
        }
    }

    static String prefix;
    static CeleriacWorker worker;
    static Celeriac celeriac;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    static String url() {
        var url = TestRedis.url();
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }

    @BeforeAll
    static void start() {
        prefix = TestApp.randomPrefix();
        worker = CeleriacWorker.builder(url()).keyPrefixes(prefix + "celeriac:", prefix).name("api@test").concurrency(2)
                .task(GREET, (greeting, context) -> (greeting.language().equals("fr") ? "Bonjour, " : "Hello, ") + greeting.name())
                .task(DOUBLE, (n, context) -> n * 2)
                .task(SUM, (numbers, context) -> numbers.stream().mapToInt(Integer::intValue).sum())
                .task(PROGRESSING, (done, context) -> {
                    context.updateState("PROGRESS", Map.of("done", done));
                    String refused;
                    try {
                        context.updateState("SUCCESS", null);
                        refused = "not refused";
                    } catch (IllegalArgumentException e) {
                        refused = e.getMessage();
                    }
                    if (!finish.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never told to finish");
                    }
                    return refused;
                })
                .task(BROKEN, (n, context) -> {
                    throw new IllegalStateException("part " + n + " broke");
                })
                .tasks(new Arithmetic()).meterRegistry(meters).start();
        celeriac = Celeriac.builder(url()).keyPrefixes(prefix + "celeriac:", prefix).build();
    }

    @AfterAll
    static void stop() {
        celeriac.close();
        worker.close();
    }

    @Test
    void a_typed_task_is_sent_and_its_typed_result_awaited() throws Exception {
        assertEquals("Hello, Ada", celeriac.send(GREET, new Greeting("Ada", "en")).get(Duration.ofSeconds(10)));
        TaskResult<String> result = celeriac.send(GREET, new Greeting("Marie", "fr"));
        assertEquals("Bonjour, Marie", result.future().get(10, TimeUnit.SECONDS), "completed by the backend's push");
        assertEquals(TaskState.SUCCESS, result.state());
        assertNotNull(meters.find("celeriac.tasks").tag("task", "api.greet").counter());
    }

    @Test
    void a_running_task_records_its_progress_and_the_sender_reads_it_until_the_result() {
        TaskResult<String> result = celeriac.send(PROGRESSING, 40);

        Eventually.await("PROGRESS stored", Duration.ofSeconds(10), () -> result.stateName().equals("PROGRESS"));
        assertEquals(TaskState.STARTED, result.state(), "a state of the task's own is a running one");
        assertEquals(40, result.info(Map.class).orElseThrow().get("done"));
        finish.countDown();

        String refused = result.get(Duration.ofSeconds(10));
        assertTrue(refused.contains("SUCCESS is how a task ends"), refused);
        assertEquals("SUCCESS", result.stateName(), "the result replaced the progress");
    }

    @Test
    void annotated_methods_bind_positional_and_keyword_arguments_and_get_their_context() {
        assertEquals(5L, celeriac.send("api.add", List.of(2, 3), Map.of(), Options.defaults()).get(Duration.ofSeconds(10)).asLong());
        assertEquals(7L, celeriac.send("api.add", List.of(3), Map.of("y", 4), Options.defaults()).get(Duration.ofSeconds(10)).asLong());
        JsonNode who = celeriac.send("api.whoami", List.of(), Map.of(), Options.defaults()).get(Duration.ofSeconds(10));
        assertEquals("api.whoami on api@test", who.asText());
    }

    @Test
    void a_call_that_does_not_fit_fails_at_once_as_a_type_error_naming_what_is_wrong() {
        TaskFailedException extra = assertThrows(TaskFailedException.class,
                () -> celeriac.send("api.add", List.of(1, 2, 3), Map.of(), Options.defaults()).get(Duration.ofSeconds(10)));
        assertEquals("TypeError", extra.type());
        assertEquals("builtins", extra.module());
        assertTrue(extra.getMessage().contains("api.add() takes 2 positional arguments but 3 were given"), extra.getMessage());
        TaskFailedException wrongType = assertThrows(TaskFailedException.class,
                () -> celeriac.send("api.add", List.of("one", 2), Map.of(), Options.defaults()).get(Duration.ofSeconds(10)));
        assertTrue(wrongType.getMessage().contains("argument 'x' is not a long"), wrongType.getMessage());
        TaskFailedException shape = assertThrows(TaskFailedException.class,
                () -> celeriac.send("api.greet", List.of(List.of("Ada")), Map.of(), Options.defaults()).get(Duration.ofSeconds(10)));
        assertTrue(shape.getMessage().contains("api.greet(): its argument is not a Greeting"), shape.getMessage());
        TaskFailedException unknown = assertThrows(TaskFailedException.class,
                () -> celeriac.send("api.add", List.of(1, 2), Map.of("z", 1), Options.defaults()).get(Duration.ofSeconds(10)));
        assertTrue(unknown.getMessage().contains("unexpected keyword argument 'z'"), unknown.getMessage());
    }

    @Test
    void a_python_style_keyword_call_binds_a_record_from_its_fields() {
        JsonNode text = celeriac.send("api.greet", List.of(), Map.of("name", "Ada", "language", "fr"), Options.defaults())
                .get(Duration.ofSeconds(10));
        assertEquals("Bonjour, Ada", text.asText());
    }

    @Test
    void a_chain_passes_each_result_on_and_a_group_collects_results_in_order() {
        TaskResult<Integer> chained = celeriac.chain(List.of(DOUBLE.with(3), DOUBLE.partial()), DOUBLE.partial());
        assertEquals(24, chained.get(Duration.ofSeconds(15)));
        GroupResult<Integer> group = celeriac.group(List.of(DOUBLE.with(1), DOUBLE.with(2), DOUBLE.with(3)));
        assertEquals(List.of(2, 4, 6), group.get(Duration.ofSeconds(15)));
    }

    @Test
    void a_chord_runs_its_body_once_with_every_part_result_in_order_and_a_failed_part_fails_it() {
        TaskResult<Integer> sum = celeriac.chord(List.of(DOUBLE.with(1), DOUBLE.with(2), DOUBLE.with(3), DOUBLE.with(4)), SUM.partial());
        assertEquals(20, sum.get(Duration.ofSeconds(15)));
        TaskResult<Integer> broken = celeriac.chord(List.of(DOUBLE.with(1), BROKEN.with(2)), SUM.partial());
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> broken.get(Duration.ofSeconds(15)));
        assertEquals("ChordError", failure.type());
        assertTrue(failure.getMessage().contains("part 2 broke"), failure.getMessage());
    }
}
