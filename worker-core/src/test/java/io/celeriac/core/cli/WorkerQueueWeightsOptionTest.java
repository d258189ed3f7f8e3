package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.worker.WorkerSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code celeriac worker --queues ai_tasks:3,email_tasks:1 [--strict]}: read into the settings, or exit 2. */
class WorkerQueueWeightsOptionTest {

    private static WorkerSettings settings(String... args) {
        CommandLine cli = Main.commandLine("worker");
        cli.parseArgs(args);
        WorkerCommand worker = (WorkerCommand) cli.getSubcommands().get("worker").getCommand();
        return worker.settings(AppConfigLoader.fromYaml(""));
    }

    @Test
    void weights_and_strict_reach_the_settings() {
        WorkerSettings weighted = settings("worker", "--queues=ai_tasks:3,email_tasks:1");
        assertEquals(List.of("ai_tasks", "email_tasks"), weighted.queues());
        assertEquals(3, weighted.queueWeights().weightOf("ai_tasks"));
        assertEquals(false, weighted.queueWeights().strict());

        WorkerSettings strict = settings("worker", "--queues=high,low", "--strict");
        assertEquals(List.of("high", "low"), strict.queues());
        assertTrue(strict.queueWeights().strict());

        assertNull(settings("worker", "--queues=a,b").queueWeights(), "plain queues keep round robin");
    }

    @Test
    void a_bad_weight_exits_2_and_names_the_entry() {
        CommandLine cli = Main.commandLine("worker");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("worker", "--queues=ai_tasks:0,email_tasks:1");
        assertEquals(2, code);
        assertTrue(err.toString().contains("ai_tasks:0"), err.toString());
    }
}
