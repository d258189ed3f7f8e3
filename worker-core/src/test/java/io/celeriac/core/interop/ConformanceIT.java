package io.celeriac.core.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.builtin.BuiltinTasks;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Python code sees: every check of {@code conformance.py}, sent by a real Celery client, run
 * against a Python reference worker and a Celeriac worker in the same test, with Debian's Celery
 * and with the newest this machine can install (.ci/run installs it; without it that half is
 * skipped, loudly). A check the reference passes and Celeriac fails is a failing test unless it is
 * a known difference below, which the README lists; a known difference that starts passing fails
 * the test too, so the list stays true.
 */
class ConformanceIT {
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

    /** Differences with one Celery client version only: version prefix -> check -> why. */
    static final Map<String, Map<String, String>> KNOWN_DIFFERENCES_BY_VERSION = Map.of();

    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(4);

    static Application app;
    static DefaultWorker worker;
    static String queue;
    static final List<String> queues = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        PythonCelery.assumeInstalled();
        app = InteropApp.create();
        TaskRegistry registry = new TaskRegistry();
        new BuiltinTasks().register(registry, app);
        ConformanceTasks.register(registry);
        queue = InteropApp.randomQueue("conf-java");
        queues.add(queue);
        // result_extended on, as the reference worker has it
        // a whole worker as `celeriac worker` builds it (remote control included), result_extended on as the reference has it
        worker = DefaultWorker.create(app, new WorkerSettings("conf-" + queue + "@test", List.of(queue), 4, 1, 0,
                Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMinutes(10), true), registry, null, false);
        worker.start();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (app != null) {
            InteropApp.forget(app, queues);
            app.close();
        }
    }

    @Test
    void debians_celery_sees_celeriac_as_it_sees_a_python_worker() {
        conform(new PythonCelery());
    }

    @Test
    void the_newest_celery_sees_celeriac_as_it_sees_a_python_worker() {
        Optional<Path> newest = PythonCelery.newestCelery();
        if (newest.isEmpty()) {
            String why = "SKIPPED: the newest Celery is not installed (.ci/run installs it with pip --no-deps into "
                    + "~/.cache/celeriac/celery-newest, or set CELERIAC_TEST_CELERY_NEWEST); only Debian's Celery was checked";
            System.err.println("\n!!!!!!!! ConformanceIT " + why + " !!!!!!!!\n");
            Assumptions.abort(why);
        }
        conform(new PythonCelery(newest.get()));
    }

    private void conform(PythonCelery python) {
        String referenceQueue = InteropApp.randomQueue("conf-py");
        queues.add(referenceQueue);
        JsonNode reference;
        JsonNode celeriac;
        try (PythonWorker pythonWorker = python.startWorker(referenceQueue, "prefork", Duration.ofSeconds(60))) {
            CompletableFuture<JsonNode> onPython = CompletableFuture.supplyAsync(() -> suite(python, referenceQueue));
            celeriac = suite(python, queue);
            reference = onPython.join();
        } finally {
            python.forget(app);
        }
        String version = reference.get("celery").asText();
        Map<String, String> known = new java.util.HashMap<>(KNOWN_DIFFERENCES);
        KNOWN_DIFFERENCES_BY_VERSION.forEach((prefix, differences) -> {
            if (version.startsWith(prefix)) {
                known.putAll(differences);
            }
        });
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder("conformance with Celery " + version + " (reference | celeriac | check)\n");
        for (Iterator<String> names = reference.get("checks").fieldNames(); names.hasNext(); ) {
            String check = names.next();
            JsonNode ours = celeriac.get("checks").path(check);
            JsonNode theirs = reference.get("checks").get(check);
            boolean referenceOk = theirs.get("ok").asBoolean();
            boolean celeriacOk = ours.path("ok").asBoolean(false);
            table.append(referenceOk ? "  pass" : "  FAIL").append(" | ").append(celeriacOk ? "pass" : "FAIL").append(" | ")
                    .append(check).append(known.containsKey(check) ? " (known difference)" : "").append('\n');
            if (!referenceOk) {
                problems.add(check + ": the Python reference worker fails it (" + theirs.get("detail").asText() + ")");
            } else if (!celeriacOk && !known.containsKey(check)) {
                problems.add(check + ": Celeriac differs: " + ours.path("detail").asText("no report"));
            } else if (celeriacOk && known.containsKey(check)) {
                problems.add(check + ": passes now; take it out of the known differences");
            }
        }
        System.out.println(table);
        assertTrue(problems.isEmpty(), () -> table + "\n" + String.join("\n", problems));
    }

    private static JsonNode suite(PythonCelery python, String target) {
        return python.script(List.of("conformance.py", target), SUITE_TIMEOUT);
    }
}
