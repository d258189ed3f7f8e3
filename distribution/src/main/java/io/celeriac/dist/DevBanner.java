package io.celeriac.dist;

import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.DatabaseUrl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** What {@code celeriac dev} prints once everything runs: what is up, where its data goes, and how to try it. */
final class DevBanner {
    private DevBanner() {
    }

    /**
     * What dev runs on.
     *
     * @param brokerHint   the broker URL other commands need to reach dev's Redis, null when theirs by default
     * @param databaseHint the same for the database (dev's own database is never the commands' default)
     * @param httpPort     the metrics port, 0 when none
     * @param exporterPort the fleet exporter's port, 0 when none
     * @param dashboardPort the web dashboard's port, -1 when off
     */
    record Setup(List<Worker> workers, int beatEntries, RedisUrl redis, String brokerHint, DatabaseUrl database,
                 String databaseHint, DevDataDir data, int httpPort, int exporterPort, int dashboardPort) {
    }

    static void print(PrintWriter out, Setup setup) {
        out.println();
        out.println("Celeriac is running (Ctrl-C stops it)");
        out.printf("  Redis        %s%n", setup.redis().redacted());
        out.printf("  PostgreSQL   %s%n", setup.database().redacted());
        DevDataDir data = setup.data();
        out.printf("  data         %s%n", shown(data.root()));
        out.printf("    e-mails    %s   (as .eml files while no SMTP host is set)%n", shown(data.outbox()));
        out.printf("    uploads    %s%n", shown(data.uploads()));
        out.printf("    backups    %s%n", shown(data.backups()));
        for (Worker worker : setup.workers()) {
            out.printf("  worker       %-18s concurrency %d%n", worker.settings().queues().get(0), worker.settings().concurrency());
        }
        out.printf("  beat         %d periodic entries (./celeriac beat list)%n", setup.beatEntries());
        if (setup.httpPort() > 0) {
            out.printf("  http         http://127.0.0.1:%d/metrics  /healthz  /readyz%n", setup.httpPort());
        }
        if (setup.exporterPort() > 0) {
            out.printf("  exporter     http://127.0.0.1:%d/metrics  (the fleet, for Prometheus: monitoring/)%n", setup.exporterPort());
        }
        if (setup.dashboardPort() > 0) {
            out.printf("  dashboard    http://127.0.0.1:%d/  (queues, workers, delayed, dead letters, tasks)%n", setup.dashboardPort());
        }
        out.println();
        out.println("Try it, in another terminal:");
        // once per terminal instead of on every line: the commands below then reach what dev runs on
        if (setup.brokerHint() != null) {
            out.println("  export CELERIAC_BROKER_URL=" + setup.brokerHint());
        }
        if (setup.databaseHint() != null) {
            out.println("  export CELERIAC_DATABASE_URL=" + setup.databaseHint());
        }
        out.println("  ./celeriac send celeriac.add --args '[2, 3]' --wait");
        out.println("  ./celeriac ai users add --name Ada --email ada@example.org --tz Europe/Paris");
        out.println("  ./celeriac ai create --user 1 --prompt 'Time to stretch' --in 10s");
        out.println("  ./celeriac ai runs 1      # after 10 s: the run, answered offline, notified by e-mail");
        out.println("  ls " + shown(data.outbox()) + "      # the e-mail, as an .eml file (no SMTP configured)");
        out.println("  ./celeriac status");
        out.println();
        out.flush();
    }

    /** Relative to the working directory when inside it (shorter to read and to type), else absolute. */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) && !path.equals(here) ? here.relativize(path).toString() : path.toString();
    }
}
