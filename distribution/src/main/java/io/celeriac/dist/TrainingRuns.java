package io.celeriac.dist;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines a training run uses, and how a long-running one is ended: a load thread sends
 * its work, then stops the process with SIGTERM, the way an operator stops it, so the graceful
 * shutdown's classes are in the archive too.
 */
final class TrainingRuns {
    private static final String PREFIX = "--key-prefix=training:";
    private final String broker;
    private final String database;

    TrainingRuns(String broker, String database) {
        this.broker = broker;
        this.database = database;
    }

    /** The one-shot commands that only read or write Redis, with the options users pass. */
    List<List<String>> admin() {
        String noTask = "00000000-0000-0000-0000-000000000000";
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("send", "celeriac.add", "--args=[1,2]", broker, PREFIX));
        lines.add(List.of("send", "celeriac.echo", "--kwargs={\"text\":\"hi\"}", "--countdown=1h", "--priority=3", broker, PREFIX));
        lines.add(List.of("status", broker, PREFIX));
        lines.add(List.of("status", "--json", broker, PREFIX));
        lines.add(List.of("inspect", "queues", broker, PREFIX));
        lines.add(List.of("inspect", "scheduled", broker, PREFIX));
        lines.add(List.of("task", noTask, broker, PREFIX));
        lines.add(List.of("result", noTask, broker, PREFIX));
        lines.add(List.of("dead", "list", broker, PREFIX));
        lines.add(List.of("revoke", noTask, broker, PREFIX));
        // not `beat list`: it loads Redisson and Netty, which every other command here would then load too
        return lines;
    }

    /** The application's one-shot commands, on PostgreSQL: each archive holds only its own kind's classes. */
    List<List<String>> app() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("ai", "users", "add", "--name=Training", "--email=training@example.org", broker, database));
        lines.add(List.of("ai", "create", "--user=1", "--prompt=Summarise my day", "--in=1h", broker, database));
        lines.add(List.of("ai", "create", "--user=1", "--prompt=Weekly review", "--cron=0 8 * * MON", "--tz=Europe/Paris", broker, database));
        lines.add(List.of("ai", "list", broker, database));
        lines.add(List.of("ai", "show", "1", broker, database));
        lines.add(List.of("ai", "runs", "1", broker, database));
        return lines;
    }

    List<String> worker(int httpPort) {
        return List.of("worker", broker, PREFIX, "--queues=aot_training", "--concurrency=2", "--hostname=training@%h",
                "--http-port=" + httpPort, "--loglevel=WARNING");
    }

    List<String> beat(int httpPort) {
        return List.of("beat", broker, PREFIX, "--http-port=" + httpPort, "--loglevel=WARNING");
    }

    List<String> dev(int httpPort, java.nio.file.Path dataDir) {
        return List.of("dev", broker, database, PREFIX, "--http-port=" + httpPort, "--exporter-port=0", "--loglevel=WARNING",
                "--data-dir=" + dataDir);
    }

    /**
     * Built-in tasks sent to the training queue, then time for the worker to run them. Not with
     * {@code send --wait}: a result wait starts Redisson, whose classes would then be in the
     * worker's archive, and every class of an archive is loaded at start.
     */
    Runnable workerLoad() {
        return () -> {
            for (String task : List.of("celery.ping", "celeriac.add", "celeriac.echo")) {
                String args = task.equals("celeriac.add") ? "[1,2]" : task.equals("celery.ping") ? "[]" : "[\"training\"]";
                ArchiveTraining.run(List.of("send", task, "--args=" + args, "--queue=aot_training", broker, PREFIX));
            }
            pause(Duration.ofSeconds(5));
        };
    }

    /**
     * Runs a long-running command on this thread while {@code load} runs beside it, then stops the
     * process with SIGTERM; a command still running after {@code limit} is left to the exit.
     */
    void untilStopped(List<String> command, Runnable load, Duration limit) throws InterruptedException {
        Thread loader = Thread.ofPlatform().daemon().name("training-load").start(() -> {
            load.run();
            terminateSelf();
        });
        Thread runner = Thread.ofPlatform().daemon().name("training-run").start(() -> ArchiveTraining.run(command));
        runner.join(limit.toMillis());
        loader.join(1_000);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void terminateSelf() {
        try {
            new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            // no kill(1): the runner's time limit ends the training
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
