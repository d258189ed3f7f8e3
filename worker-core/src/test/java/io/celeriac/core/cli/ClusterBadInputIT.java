package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ClusterTopology;
import io.celeriac.core.testing.PrivateRedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each way a {@code redis+cluster://} URL goes wrong: one line, exit 2 (a setting to fix), no
 * stack trace; and a right one answers.
 */
class ClusterBadInputIT {
    private static ClusterTopology cluster;
    private static PrivateRedisServer single;

    private record Run(int code, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterTopology.start(3);
        single = PrivateRedisServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        single.close();
    }

    @Test
    void a_cluster_url_answers_for_a_worker_s_ping() {
        Run run = run("send", "celeriac.add", "--args", "[1, 2]", "--broker-url", cluster.url() + ",127.0.0.1:1");
        assertEquals(ExitCodes.OK, run.code(), run.err());
    }

    @Test
    void a_cluster_url_naming_a_single_redis_says_so() {
        Run run = failing("send", "celeriac.add", "--broker-url", "redis+cluster://127.0.0.1:" + single.url().port());
        assertTrue(run.err().contains("without cluster mode"), run.err());
    }

    @Test
    void a_cluster_no_seed_of_which_answers_is_a_setting_to_fix() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run run = failing("worker", "--queues=q", "--broker-url", "redis+cluster://127.0.0.1:" + closed);
        assertTrue(run.err().contains("no seed node"), run.err());
    }

    @Test
    void a_database_number_or_an_empty_seed_list_is_refused() {
        assertTrue(failing("send", "celeriac.add", "--broker-url", cluster.url() + "/3").err().contains("only database 0"));
        assertTrue(failing("send", "celeriac.add", "--broker-url", "redis+cluster://").err().contains("seed"));
    }

    @Test
    void a_tool_that_needs_a_single_redis_says_what_works_on_a_cluster() {
        Run run = failing("dead", "list", "--broker-url", cluster.url());
        assertTrue(run.err().contains("redis+cluster://") && run.err().contains("worker, send, result, status and beat"), run.err());
    }

    @Test
    void status_reads_a_cluster_s_queues() {
        String prefix = "--key-prefix=st" + java.util.UUID.randomUUID().toString().substring(0, 6) + ":";
        assertEquals(ExitCodes.OK, run("send", "celeriac.add", "--args", "[1, 2]", "--queue=waiting", prefix, "--broker-url", cluster.url()).code());
        CommandLine cli = Main.commandLine("status");
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(ExitCodes.OK, cli.execute("status", "--json", prefix, "--broker-url", cluster.url()));
        assertTrue(out.toString().matches("(?s).*\"name\"\\s*:\\s*\"waiting\".*"), out.toString());
        assertTrue(out.toString().contains("\"ready\"") || out.toString().contains("\"depth\""), out.toString());
    }

    private static Run failing(String... args) {
        Run run = run(args);
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        return run;
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine(args[0]);
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, err.toString().strip());
    }
}
