package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import redis.embedded.RedisServer;

/**
 * Each way a broker URL goes wrong, against real servers: one line that says which, the password
 * masked, exit 2 for a setting to fix and 1 for an outage to wait out, and no library's warnings.
 */
class BadBrokerUrlIT {
    private static RedisServer locked;
    private static int lockedPort;

    private record Run(int code, String err) {
    }

    @BeforeAll
    static void startRedisWithPassword() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            lockedPort = socket.getLocalPort();
        }
        locked = RedisServer.newRedisServer().port(lockedPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").setting("requirepass s3cret").build();
        locked.start();
    }

    @AfterAll
    static void stop() throws Exception {
        locked.stop();
    }

    private static Run status(String url) {
        CommandLine cli = Main.commandLine("status");
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("status", "--broker-url", url);
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        return new Run(code, text);
    }

    @Test
    void an_unknown_host_is_named_and_waited_out_like_an_outage() {
        Run run = status("redis://no-such-host.invalid:6379/0");
        assertEquals(ExitCodes.FAILURE, run.code(), run.err());
        assertTrue(run.err().contains("host is unknown") && run.err().contains("no-such-host.invalid"), run.err());
    }

    @Test
    void a_refused_connection_is_an_outage() {
        Run run = status("redis://127.0.0.1:1/0");
        assertEquals(ExitCodes.FAILURE, run.code(), run.err());
        assertTrue(run.err().contains("refused"), run.err());
    }

    @Test
    void a_wrong_password_is_named_and_never_printed() {
        Run run = status("redis://:wrong-secret@127.0.0.1:" + lockedPort + "/0");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("WRONGPASS"), run.err());
        assertFalse(run.err().contains("wrong-secret"), run.err());
    }

    @Test
    void a_missing_password_is_named() {
        Run run = status("redis://127.0.0.1:" + lockedPort + "/0");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("NOAUTH"), run.err());
    }

    @Test
    void a_database_the_server_does_not_have_is_a_setting() {
        Run run = status("redis://:s3cret@127.0.0.1:" + lockedPort + "/99");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("no such database"), run.err());
    }
}
