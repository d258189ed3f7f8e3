package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.TlsRedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import picocli.CommandLine;

/**
 * Each way TLS or an ACL login goes wrong, against a real Redis that wants both: one line, exit 2
 * (a setting to fix), no stack trace, the password never printed.
 */
@EnabledIf("io.celeriac.core.testing.TlsRedisServer#available")
class TlsAndAclBadInputIT {
    private static TlsRedisServer redis;

    private record Run(int code, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        redis = TlsRedisServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    private static String auth() {
        return TlsRedisServer.USER + ":" + TlsRedisServer.PASSWORD + "@";
    }

    @Test
    void the_right_settings_answer() {
        assertEquals(ExitCodes.OK, status(redis.goodUrl()).code());
    }

    @Test
    void ssl_cert_reqs_none_connects_without_a_ca_as_redis_py_does() {
        assertEquals(ExitCodes.OK, status(redis.url(auth(), redis.clientCertificate() + "&ssl_cert_reqs=none")).code());
    }

    @Test
    void no_client_certificate_is_a_setting_to_fix() {
        Run run = failing(redis.url(auth(), "ssl_ca_certs=" + redis.file("ca.crt")));
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
    }

    @Test
    void a_server_certificate_from_another_ca_is_a_setting_to_fix() {
        Run run = failing(redis.url(auth(), "ssl_ca_certs=" + redis.file("other.crt") + "&" + redis.clientCertificate()));
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("TLS handshake"), run.err());
    }

    @Test
    void a_wrong_acl_password_is_named_and_never_printed() {
        Run run = failing(redis.url(TlsRedisServer.USER + ":wrong-pw-123@", "ssl_ca_certs=" + redis.file("ca.crt")
                + "&" + redis.clientCertificate()));
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("WRONGPASS"), run.err());
        assertFalse(run.err().contains("wrong-pw-123"), run.err());
    }

    @Test
    void a_key_file_that_holds_no_key_is_named() {
        Run run = failing(redis.url(auth(), "ssl_ca_certs=" + redis.file("ca.crt") + "&ssl_certfile=" + redis.file("client.crt")
                + "&ssl_keyfile=" + redis.file("client.crt")));
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("ssl_keyfile"), run.err());
        assertFalse(run.err().contains(TlsRedisServer.PASSWORD), run.err());
    }

    private static Run failing(String url) {
        Run run = status(url);
        System.out.println("error line: " + run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertFalse(run.err().contains(TlsRedisServer.PASSWORD), run.err());
        return run;
    }

    private static Run status(String url) {
        CommandLine cli = Main.commandLine("status");
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("status", "--broker-url", url);
        return new Run(code, err.toString().strip());
    }
}
