package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.SentinelTopology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import picocli.CommandLine;

/**
 * Each way a {@code sentinel://} setting goes wrong, against real sentinels: one line that says
 * which, exit 2 (a setting to fix: a restart loop would only fail again), no password printed.
 */
@EnabledIf("io.celeriac.core.testing.PrivateRedisServer#available")
class SentinelBadInputIT {
    private static SentinelTopology topology;
    private static Path config;

    private record Run(int code, String err, String out) {
    }

    @BeforeAll
    static void start() throws Exception {
        topology = SentinelTopology.start("master-secret", "sentinel-secret");
        config = Files.createTempFile("celeriac-sentinel-auth", ".yaml");
        // kombu's spelling: the sentinels' password in sentinel_kwargs, the master's in the URL
        Files.writeString(config, "broker_transport_options:\n  sentinel_kwargs:\n    password: sentinel-secret\n");
    }

    @AfterAll
    static void stop() throws Exception {
        topology.close();
        Files.deleteIfExists(config);
    }

    private static Run status(String... args) {
        CommandLine cli = Main.commandLine("status");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("status"));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        String text = err.toString().strip();
        System.out.println("error line: " + text);
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        return new Run(code, text, out.toString());
    }

    @Test
    void the_sentinels_find_the_master_and_status_answers() {
        CommandLine cli = Main.commandLine("status");
        cli.setOut(new PrintWriter(new StringWriter()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("status", "--config", config.toString(), "--broker-url", topology.url(":master-secret@"),
                "--master-name", SentinelTopology.MASTER_NAME);
        assertEquals(0, code, err.toString());
    }

    @Test
    void an_unreachable_sentinel_list_is_a_setting_to_fix() {
        Run run = status("--broker-url", "sentinel://127.0.0.1:1;sentinel://127.0.0.1:2", "--master-name", "mymaster");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("no sentinel answered") && run.err().contains("127.0.0.1:2"), run.err());
    }

    @Test
    void a_master_name_the_sentinels_do_not_monitor_is_named() {
        Run run = status("--config", config.toString(), "--broker-url", topology.url(), "--master-name", "no-such-master");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("monitor no master named 'no-such-master'"), run.err());
    }

    @Test
    void a_sentinel_url_without_a_master_name_says_where_to_give_it() {
        Run run = status("--config", config.toString(), "--broker-url", topology.url());
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("--master-name"), run.err());
    }

    @Test
    void sentinels_that_refuse_a_missing_password_say_so() {
        Run run = status("--broker-url", topology.url(":master-secret@"), "--master-name", SentinelTopology.MASTER_NAME);
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("sentinel_kwargs"), run.err());
    }

    @Test
    void a_wrong_master_password_is_refused_and_never_printed() {
        Run run = status("--config", config.toString(), "--broker-url", topology.url(":wrong-secret@"),
                "--master-name", SentinelTopology.MASTER_NAME);
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("WRONGPASS"), run.err());
        assertFalse(run.err().contains("wrong-secret"), run.err());
    }
}
