package io.celeriac.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.api.DefaultWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Our CLI as one tool for a mixed fleet: {@code celeriac inspect} and {@code celeriac control}
 * reach a Python Celery 5.2 worker and a Celeriac worker alike; {@code celeriac events --dump}
 * prints the live stream.
 */
class FleetCliIT {
    static PythonCelery python;
    static PythonWorker pythonWorker;
    static Application app;
    static DefaultWorker worker;
    static String node;
    static String queue;

    @BeforeAll
    static void start() {
        PythonCelery.assumeInstalled();
        python = new PythonCelery();
        queue = InteropApp.randomQueue("cli");
        pythonWorker = python.startWorker(queue, Duration.ofSeconds(30));
        app = InteropApp.create();
        node = "cli-" + UUID.randomUUID().toString().substring(0, 6) + "@test";
        TaskRegistry registry = new TaskRegistry();
        registry.register("cli.echo", ctx -> ctx.args());
        worker = DefaultWorker.create(app, TestApp.settings(node, List.of(queue + "-java"), 1), registry, null, false, false);
        worker.start();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (pythonWorker != null) {
            pythonWorker.close();
        }
        if (app != null) {
            InteropApp.forget(app, List.of(queue, queue + "-java"));
            python.forget(app);
            app.close();
        }
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return PythonCelery.JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    static Run celeriac(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--broker-url=" + PythonCelery.brokerUrl());
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void celeriac_inspect_ping_reaches_the_python_worker_and_the_celeriac_worker() {
        Run run = celeriac("inspect", "ping", "--json", "--timeout=2s");
        assertEquals(0, run.exit(), run.err());
        JsonNode replies = run.json();
        assertEquals("pong", replies.path(node).path("ok").asText(), run.out());
        String python = null;
        for (Iterator<String> names = replies.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith(pythonWorker.name() + "@")) {
                python = name;
            }
        }
        assertTrue(python != null, "the python worker answered: " + run.out());
        assertEquals("pong", replies.path(python).path("ok").asText());

        // inspect registered is the Redis view of Celeriac workers; the live method asked of every worker is control registered
        Run registered = celeriac("control", "registered", "--json", "--timeout=3s", "--destination=" + python);
        assertTrue(registered.out().contains("interop.py.add"), registered.exit() + " " + registered.out() + registered.err());
    }

    @Test
    void celeriac_control_changes_a_worker_of_either_language() {
        Run java = celeriac("control", "rate_limit", "cli.echo", "5/s", "--destination=" + node, "--json");
        assertEquals(0, java.exit(), java.err());
        assertEquals("new rate limit set successfully", java.json().path(node).path("ok").asText());
        assertEquals("5/s", worker.worker().rateLimit("cli.echo"));

        Run text = celeriac("inspect", "stats", "--destination=" + node);
        assertTrue(text.out().contains("->  " + node + ": OK"), text.out());

        Run unknown = celeriac("control", "frobnicate", "--destination=" + node, "--json");
        assertEquals("No such control command: frobnicate", unknown.json().path(node).path("error").asText());

        Run nobody = celeriac("inspect", "ping", "--destination=nobody@nowhere", "--timeout=300ms");
        assertEquals(1, nobody.exit());
        assertTrue(nobody.err().contains("No nodes replied"), nobody.err());

        Run bad = celeriac("control", "time_limit", "cli.echo", "soon");
        assertEquals(2, bad.exit(), bad.err());
    }

    @Test
    void celeriac_events_dump_prints_the_live_heartbeats() {
        Run run = celeriac("events", "--dump", "--duration=2500ms");
        assertEquals(0, run.exit(), run.err());
        boolean beat = run.out().lines().anyMatch(line -> line.contains("\"worker-heartbeat\"") && line.contains(node));
        assertTrue(beat, run.out());
    }
}
