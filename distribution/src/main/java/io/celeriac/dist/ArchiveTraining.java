package io.celeriac.dist;

import io.celeriac.core.cli.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The training run of a class archive, which the launcher starts in the background after a build
 * (scripts/class-archive.sh): the commands of one kind, run for real against a Redis and a
 * PostgreSQL of its own that it starts and removes, so the archive holds what those commands load
 * and link and nothing reaches the user's servers. The user's own runs never train: a usage error
 * or a failed start would make an archive of nothing, and training output is kept out of their
 * terminal. Without Redis it fails (exit 3) and the launcher drops its output; a PostgreSQL that
 * cannot start only leaves the database commands' classes out of the archive.
 */
@Command(name = "train-archive", hidden = true, description = "Train a class archive (the launcher runs it).")
public final class ArchiveTraining implements Callable<Integer> {
    /** The exit status of a training that must not become an archive (the launcher drops its output). */
    static final int FAILED = 3;

    @Parameters(paramLabel = "KIND", description = "admin, app, worker, beat or dev")
    String kind;

    @Override
    public Integer call() throws Exception {
        if (!List.of("admin", "app", "worker", "beat", "dev").contains(kind)) {
            throw new IllegalArgumentException("KIND must be admin, app, worker, beat or dev, got '" + kind + "'");
        }
        try (TrainingServers servers = new TrainingServers(kind.equals("app") || kind.equals("dev"))) {
            if (servers.redisFailure() != null) {
                // an archive of commands that only met a refused connection would make every start slow
                // until the next build (measured: 20 MB and 354 application classes instead of 40 MB and
                // 4,400); failing leaves no archive, so the next start trains again
                System.err.println("celeriac: no training: Redis could not start: " + servers.redisFailure());
                return FAILED;
            }
            TrainingRuns runs = new TrainingRuns(servers.brokerOption(), servers.databaseOption());
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
