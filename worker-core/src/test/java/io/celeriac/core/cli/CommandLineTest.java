package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.worker.WorkerSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage and configuration errors exit 2 with a message that says what is wrong. */
class CommandLineTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine(args.length > 0 ? args[0] : null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void help_lists_every_command() {
        Run run = run("--help");
        assertEquals(0, run.code());
        for (String command : new String[] {"worker", "send", "result", "status"}) {
            assertTrue(run.out().contains(command), command + " in " + run.out());
        }
    }

    @Test
    void a_command_line_naming_a_command_builds_only_that_command() {
        assertEquals(Set.of("worker"), Main.commandLine("worker").getSubcommands().keySet());
        assertTrue(Main.commandLine("wrker").getSubcommands().keySet().containsAll(List.of("worker", "send", "status")),
                "a mistyped name gets every command, for suggestions");
        Run mistyped = run("wrker");
        assertEquals(2, mistyped.code());
        assertTrue(mistyped.err().contains("Did you mean: celeriac worker"), mistyped.err());
    }

    @Test
    void help_texts_render_their_percent_signs() {
        String usage = Main.commandLine("worker").getSubcommands().get("worker").getUsageMessage();
        assertTrue(usage.contains("workers; %h is the"), usage);
    }

    @Test
    void a_worker_takes_task_track_started_from_the_config_and_leaves_its_default_name_to_redis() {
        CommandLine cli = Main.commandLine("worker");
        cli.parseArgs("worker", "--queues=celery");
        WorkerCommand worker = (WorkerCommand) cli.getSubcommands().get("worker").getCommand();
        WorkerSettings settings = worker.settings(AppConfigLoader.fromYaml("task_track_started: true\n"));
        assertTrue(settings.trackStarted());
        assertNull(settings.name(), "chosen once Redis can say whether a live worker has celery@<host>");
        assertFalse(worker.settings(AppConfigLoader.fromYaml("result_extended: true\n")).trackStarted());
    }

    @Test
    void an_unknown_option_exits_2() {
        Run run = run("worker", "--concurency=4");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("Unknown option"), run.err());
    }

    @Test
    void a_bad_broker_url_exits_2_and_says_why() {
        Run run = run("send", "celeriac.noop", "--broker-url=http://nowhere");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("redis:// or rediss://"), run.err());
    }

    @Test
    void bad_arguments_to_send_exit_2() {
        assertEquals(2, run("send", "celeriac.add", "--args", "{not a list}").code());
        assertEquals(2, run("send", "celeriac.add", "--priority", "12").code());
        assertEquals(2, run("send", "celeriac.add", "--countdown", "soon").code());
    }

    @Test
    void a_missing_config_file_exits_2() {
        Run run = run("worker", "--config=/nonexistent/celeriac.yaml");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void a_bad_worker_setting_exits_2() {
        Run run = run("worker", "--concurrency=-1", "--queues=celery");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("concurrency"), run.err());
    }
}
