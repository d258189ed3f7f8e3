package io.celeriac.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} that checks its clients twice, on a free loopback port: TLS with
 * certificates this class makes with {@code openssl} (a CA, the server's and a client's, and
 * another CA's to be refused), client certificates required ({@code tls-auth-clients yes}), and
 * Redis 6 ACLs with the default user off and one user {@link #USER} / {@link #PASSWORD}.
 * {@link #close()} stops it and removes the files.
 */
public final class TlsRedisServer implements AutoCloseable {
    public static final String USER = "celeriac";
    public static final String PASSWORD = "acl-s3cret-pw";

    private final Path dir;
    private final Process process;
    private final int port;

    private TlsRedisServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Whether {@code openssl} and {@code redis-server} are both here (Debian's redis-server has TLS). */
    public static boolean available() {
        return run(Path.of(System.getProperty("java.io.tmpdir")), "openssl", "version") && PrivateRedisServer.available();
    }

    public static TlsRedisServer start() throws IOException {
        Path dir = Files.createTempDirectory("celeriac-tls");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "1", "-subj", "/CN=celeriac test CA");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.crt",
                "-days", "1", "-subj", "/CN=another CA");
        for (String name : new String[] {"server", "client"}) {
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                    "-subj", "/CN=" + (name.equals("server") ? "localhost" : "celeriac-client"));
            openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", name + ".crt", "-days", "1", "-extfile", "san.ext");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("users.acl"), "user default off\nuser " + USER + " on >" + PASSWORD + " ~* &* +@all\n");
        Process process = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", String.valueOf(port),
                "--bind", "127.0.0.1", "--tls-cert-file", "server.crt", "--tls-key-file", "server.key",
                "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "yes", "--aclfile", "users.acl",
                "--save", "", "--appendonly", "no")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        int listeningPort = port;
        Eventually.await("TLS Redis listening", Duration.ofSeconds(10), () -> listening(listeningPort));
        return new TlsRedisServer(dir, process, port);
    }

    /** A file of this server's: ca.crt, other.crt (another CA), client.crt, client.key. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** {@code rediss://AUTH localhost:PORT/0?QUERY}. */
    public String url(String auth, String query) {
        return "rediss://" + auth + "localhost:" + port + "/0?" + query;
    }

    /** kombu's parameters of the client certificate. */
    public String clientCertificate() {
        return "ssl_certfile=" + file("client.crt") + "&ssl_keyfile=" + file("client.key");
    }

    /** Everything right: the ACL user, the CA, the client certificate, verification required. */
    public String goodUrl() {
        return url(USER + ":" + PASSWORD + "@", "ssl_ca_certs=" + file("ca.crt") + "&" + clientCertificate() + "&ssl_cert_reqs=required");
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void openssl(Path dir, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        if (!run(dir, command)) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed");
        }
    }

    private static boolean run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}
