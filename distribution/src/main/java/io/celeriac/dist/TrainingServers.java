package io.celeriac.dist;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import redis.embedded.RedisServer;

/**
 * The Redis and PostgreSQL a training run starts and removes. Apart from {@link ArchiveTraining}
 * so that the command's own class names no embedded server: the image leaves their jars out, and
 * picocli reads every command's methods when it builds the command line.
 */
final class TrainingServers implements AutoCloseable {
    private final int redisPort;
    private final RedisServer redis;
    private final EmbeddedPostgres postgres;

    /** Starts Redis, and PostgreSQL when asked; a server that cannot start is left out (its commands then fail, and train less). */
    TrainingServers(boolean withPostgres) throws IOException {
        this.redisPort = ArchiveTraining.freePort();
        RedisServer startedRedis;
        try {
            startedRedis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            startedRedis.start();
        } catch (IOException | RuntimeException | Error e) {
            startedRedis = null;
        }
        this.redis = startedRedis;
        EmbeddedPostgres startedPostgres = null;
        if (withPostgres) {
            try {
                startedPostgres = EmbeddedPostgres.builder().start();
            } catch (IOException | RuntimeException | Error e) {
                startedPostgres = null;
            }
        }
        this.postgres = startedPostgres;
    }

    String brokerOption() {
        return "--broker-url=redis://127.0.0.1:" + redisPort + "/0";
    }

    String databaseOption() {
        return "--database-url=postgresql://postgres@127.0.0.1:" + (postgres == null ? 1 : postgres.getPort()) + "/postgres";
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }
}
