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
    /** A free port can be taken by another process before Redis binds it: a few tries with fresh ports. */
    private static final int REDIS_TRIES = 3;
    private int redisPort;
    private RedisServer redis;
    private Throwable redisFailure;
    private final EmbeddedPostgres postgres;

    /**
     * Starts Redis, and PostgreSQL when asked. Without Redis no command trains, so {@link
     * #redisFailure()} makes the training fail; PostgreSQL that cannot start only leaves the
     * database commands' classes out.
     */
    TrainingServers(boolean withPostgres) throws IOException {
        for (int attempt = 0; attempt < REDIS_TRIES && redis == null; attempt++) {
            redisPort = ArchiveTraining.freePort();
            try {
                RedisServer started = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                started.start();
                redis = started;
            } catch (IOException | RuntimeException | Error e) {
                redisFailure = e;
            }
        }
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

    /** Why Redis did not start, or null when it runs. */
    Throwable redisFailure() {
        return redis == null ? redisFailure : null;
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
