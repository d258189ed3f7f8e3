package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code rediss://} broker with a certificate from a private CA ({@code ?ssl_ca_certs=}, kombu's
 * parameter): both Redis clients verify it. Needs {@code openssl} and a TLS-capable
 * {@code redis-server} on the PATH (Debian's has TLS); skipped without them.
 */
class TlsRedisIT {
    @TempDir
    static Path dir;
    private static Process redis;
    private static int port;

    @BeforeAll
    static void startTlsRedis() throws Exception {
        assumeTrue(run("openssl", "version") && run("redis-server", "--version"), "openssl or redis-server missing");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        assumeTrue(openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "1", "-subj", "/CN=celeriac test CA"));
        assumeTrue(openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.crt",
                "-days", "1", "-subj", "/CN=another CA"));
        assumeTrue(openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost"));
        assumeTrue(openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "1", "-extfile", "san.ext"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", String.valueOf(port),
                "--bind", "127.0.0.1", "--tls-cert-file", "server.crt", "--tls-key-file", "server.key",
                "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "no", "--save", "", "--appendonly", "no")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Eventually.await("TLS Redis listening", Duration.ofSeconds(10), TlsRedisIT::listening);
    }

    @AfterAll
    static void stopTlsRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_worker_and_a_client_verify_the_brokers_certificate_against_the_named_ca() throws Exception {
        String url = "rediss://localhost:" + port + "/0?ssl_ca_certs=" + dir.resolve("ca.crt");
        try (Application app = BrokerRoundTrip.app(RedisUrl.parse(url), 8)) {
            BrokerRoundTrip.assertTasksRun(app, "tls@test");
        }
    }

    @Test
    void a_certificate_from_another_ca_is_refused() {
        RedisUrl url = RedisUrl.parse("rediss://localhost:" + port + "/0?ssl_ca_certs=" + dir.resolve("other.crt"));
        assertThrows(RuntimeException.class, () -> {
            try (Application app = BrokerRoundTrip.app(url, 4)) {
                app.client().send("celeriac.noop", List.of(), Map.of(), SendOptions.defaults());
            }
        });
    }

    private static boolean listening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        return run(command);
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
