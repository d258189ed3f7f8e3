package io.celeriac.dist;

import io.celeriac.core.cli.Main;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import redis.embedded.RedisServer;

/**
 * The training run of the admin commands' class archive (the launcher starts it in the background
 * after a build, see scripts/class-archive.sh): the everyday one-shot commands, each run for real
 * against a Redis and a PostgreSQL of its own that it starts and removes, so the archive holds what
 * those commands load and link, and nothing touches the user's servers. A server that cannot start
 * only leaves its commands' classes out of the archive.
 */
@Command(name = "train-admin", hidden = true, description = "Train the admin commands' class archive (the launcher runs it).")
public final class AdminTraining implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        RedisServer redis = null;
        EmbeddedPostgres postgres = null;
        int redisPort = freePort();
        try {
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
        } catch (Exception | Error e) {
            redis = null;
        }
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (Exception | Error e) {
            postgres = null;
        }
        try {
            String broker = "--broker-url=redis://127.0.0.1:" + redisPort + "/0";
            String database = "--database-url=postgresql://postgres@127.0.0.1:" + (postgres == null ? 1 : postgres.getPort()) + "/postgres";
            for (List<String> line : commandLines(broker, database)) {
                run(line);
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

    /** The commands users run most, with the options they pass. */
    private static List<List<String>> commandLines(String broker, String database) {
        String prefix = "--key-prefix=training:";
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("send", "celeriac.add", "--args=[1,2]", broker, prefix));
        lines.add(List.of("send", "celeriac.echo", "--kwargs={\"text\":\"hi\"}", "--countdown=1h", "--priority=3", broker, prefix));
        lines.add(List.of("status", broker, prefix));
        lines.add(List.of("status", "--json", broker, prefix));
        lines.add(List.of("inspect", "queues", broker, prefix));
        lines.add(List.of("inspect", "scheduled", broker, prefix));
        lines.add(List.of("task", "00000000-0000-0000-0000-000000000000", broker, prefix));
        lines.add(List.of("result", "00000000-0000-0000-0000-000000000000", broker, prefix));
        lines.add(List.of("dead", "list", broker, prefix));
        lines.add(List.of("revoke", "00000000-0000-0000-0000-000000000000", broker, prefix));
        lines.add(List.of("ai", "users", "add", "--name=Training", "--email=training@example.org", broker, database));
        lines.add(List.of("ai", "create", "--user=1", "--prompt=Summarise my day", "--in=1h", broker, database));
        lines.add(List.of("ai", "create", "--user=1", "--prompt=Weekly review", "--cron=0 8 * * MON", "--tz=Europe/Paris", broker, database));
        lines.add(List.of("ai", "list", broker, database));
        lines.add(List.of("ai", "show", "1", broker, database));
        lines.add(List.of("ai", "runs", "1", broker, database));
        return lines;
    }

    /** One command line as {@code celeriac} runs it (its output goes to the training's log); a failure is training too. */
    private static void run(List<String> line) {
        try {
            Main.run(line.toArray(String[]::new));
        } catch (RuntimeException e) {
            // the archive only needs what ran
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
