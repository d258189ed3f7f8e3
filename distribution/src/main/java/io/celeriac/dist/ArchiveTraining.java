package io.celeriac.dist;

import io.celeriac.core.cli.Main;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import redis.embedded.RedisServer;

/**
 * The training run of a class archive, which the launcher starts in the background after a build
 * (scripts/class-archive.sh): the commands of one kind, run for real against a Redis and a
 * PostgreSQL of its own that it starts and removes, so the archive holds what those commands load
 * and link and nothing reaches the user's servers. The user's own runs never train: a usage error
 * or a failed start would make an archive of nothing, and training output is kept out of their
 * terminal. A server that cannot start only leaves its commands' classes out of the archive.
 */
@Command(name = "train-archive", hidden = true, description = "Train a class archive (the launcher runs it).")
public final class ArchiveTraining implements Callable<Integer> {
    @Parameters(paramLabel = "KIND", description = "admin, app, worker, beat or dev")
    String kind;

    @Override
    public Integer call() throws Exception {
        if (!List.of("admin", "app", "worker", "beat", "dev").contains(kind)) {
            throw new IllegalArgumentException("KIND must be admin, app, worker, beat or dev, got '" + kind + "'");
        }
        int redisPort = freePort();
        RedisServer redis = start(() -> {
            RedisServer server = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return server;
        });
        EmbeddedPostgres postgres = kind.equals("app") || kind.equals("dev") ? start(() -> EmbeddedPostgres.builder().start()) : null;
        try {
            TrainingRuns runs = new TrainingRuns("--broker-url=redis://127.0.0.1:" + redisPort + "/0",
                    "--database-url=postgresql://postgres@127.0.0.1:" + (postgres == null ? 1 : postgres.getPort()) + "/postgres");
            switch (kind) {
                case "admin" -> runs.admin().forEach(ArchiveTraining::run);
                case "app" -> runs.app().forEach(ArchiveTraining::run);
                case "worker" -> runs.untilStopped(runs.worker(freePort()), runs.workerLoad(), Duration.ofSeconds(60));
                case "beat" -> runs.untilStopped(runs.beat(freePort()), () -> TrainingRuns.pause(Duration.ofSeconds(4)), Duration.ofSeconds(30));
                default -> {
                    java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("celeriac-training");
                    try {
                        runs.untilStopped(runs.dev(freePort(), dataDir), () -> TrainingRuns.pause(Duration.ofSeconds(8)), Duration.ofSeconds(90));
                    } finally {
                        removeTree(dataDir);
                    }
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (redis != null) {
                redis.stop();
            }
        }
        return 0;
    }

    /** One command line as {@code celeriac} runs it (its output goes to the training's log); a failure is training too. */
    static int run(List<String> line) {
        try {
            return Main.run(line.toArray(String[]::new));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private interface Starter<T> {
        T start() throws Exception;
    }

    private static <T> T start(Starter<T> starter) {
        try {
            return starter.start();
        } catch (Exception | Error e) {
            return null;
        }
    }

    private static void removeTree(java.nio.file.Path root) throws IOException {
        try (var paths = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(path);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
