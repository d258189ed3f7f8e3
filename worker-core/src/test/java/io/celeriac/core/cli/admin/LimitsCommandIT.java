package io.celeriac.core.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.flow.Admission;
import io.celeriac.core.flow.FlowConfig;
import io.celeriac.core.flow.FlowGate;
import io.celeriac.core.flow.FlowLimit;
import io.celeriac.core.flow.FlowRules;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code celeriac limits}: the limits the workers published, with their state; a bad limit in the config exits 2. */
class LimitsCommandIT {

    /** Runs {@code celeriac limits} with a config file holding {@code yaml}. */
    static AdminCli.Result limitsWithConfig(String yaml) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("celeriac-limits", ".yaml");
        try {
            java.nio.file.Files.writeString(file, yaml);
            picocli.CommandLine cli = io.celeriac.core.cli.Main.commandLine();
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.setErr(new java.io.PrintWriter(err, true));
            int exit = cli.execute("limits", "--config", file.toString(), "--broker-url",
                    AdminCli.url(io.celeriac.core.testing.TestRedis.url()));
            return new AdminCli.Result(exit, out.toString(), err.toString());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void a_malformed_rate_in_the_config_exits_2_naming_the_key_and_the_rate() throws Exception {
        AdminCli.Result run = limitsWithConfig("flow_limits:\n  api:\n    tasks: [a]\n    rate: 10/x\n");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("flow_limits.api") && run.err().contains("10/x"), run.err());
    }

    @Test
    void a_negative_rate_in_celerys_task_annotations_exits_2() throws Exception {
        AdminCli.Result run = limitsWithConfig("task_annotations:\n  tasks.add: {rate_limit: -1/s}\n");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("task_annotations.tasks.add.rate_limit"), run.err());
    }

    @Test
    void lists_each_published_limit_with_its_tasks_and_state() {
        try (AdminCli cli = AdminCli.create("flow_limits:\n  llm-api:\n    tasks: [ai.chat, ai.summarise]\n    rate: 100/m\n"
                + "    concurrency: 3\n  sync-per-user:\n    tasks: sync.calendar\n    key: user_id\n    concurrency: 1\n")) {
            FlowRules rules = new FlowRules();
            FlowConfig.apply(cli.app.config(), rules);
            FlowGate gate = new FlowGate(cli.app.redisBroker().flowStore(), rules, "w@limits", cli.app.clock(), Duration.ofSeconds(30),
                    new SplittableRandom(3));
            Map<String, FlowLimit> tasks = new HashMap<>();
            tasks.put("ai.chat", FlowLimit.rate(FlowLimit.OWN, "10/s"));
            tasks.put("ai.summarise", null);
            tasks.put("sync.calendar", null);
            gate.publish(tasks);
            Admission running = gate.admit("ai.summarise", null, "t1", null, null);
            gate.admit("ai.summarise", null, "t2", null, null);

            JsonNode json = cli.run("limits", "--json").json();
            Map<String, JsonNode> byName = new HashMap<>();
            json.path("limits").forEach(l -> byName.put(l.path("name").asText(), l));
            assertEquals(3, byName.size(), json.toString());
            JsonNode api = byName.get("llm-api");
            assertEquals("100/m", api.path("rate").asText());
            assertEquals(3, api.path("concurrency").asInt());
            assertEquals("[\"ai.chat\",\"ai.summarise\"]", api.path("tasks").toString());
            assertEquals(1, api.path("running").asInt(), "the first task holds a slot");
            assertEquals(1, api.path("waiting").asInt(), "the second waits on a reserved token");
            assertEquals(1, api.path("throttled").asInt());
            assertEquals("10/s", byName.get("ai.chat").path("rate").asText(), "a definition's own limit, named after its task");
            assertEquals("user_id", byName.get("sync-per-user").path("key").asText());

            AdminCli.Result table = cli.run("limits");
            assertEquals(0, table.exit(), table.err());
            assertTrue(table.out().contains("LIMIT") && table.out().contains("llm-api") && table.out().contains("sync-per-user"), table.out());
            gate.release(running);
        }
    }
}
