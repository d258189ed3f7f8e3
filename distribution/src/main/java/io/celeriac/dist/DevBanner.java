package io.celeriac.dist;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.DatabaseUrl;
import java.io.PrintWriter;
import java.util.List;

/** What {@code celeriac dev} prints once everything runs: what is up, and how to try it. */
final class DevBanner {
    private DevBanner() {
    }

    static void print(PrintWriter out, Application app, List<Worker> workers, int beatEntries, RedisUrl redis,
                      DatabaseUrl database, int httpPort, int exporterPort) {
        out.println();
        out.println("Celeriac is running (Ctrl-C stops it)");
        out.printf("  Redis        %s%n", redis.redacted());
        out.printf("  PostgreSQL   %s%n", database.redacted());
        for (Worker worker : workers) {
            out.printf("  worker       %-18s concurrency %d%n", worker.settings().queues().get(0), worker.settings().concurrency());
        }
        out.printf("  beat         %d periodic entries (./celeriac beat list)%n", beatEntries);
        if (httpPort > 0) {
            out.printf("  http         http://127.0.0.1:%d/metrics  /healthz  /readyz%n", httpPort);
        }
        if (exporterPort > 0) {
            out.printf("  exporter     http://127.0.0.1:%d/metrics  (the fleet, for Prometheus: monitoring/)%n", exporterPort);
        }
        String connect = (redis.port() == DevServices.EMBEDDED_REDIS_PORT ? " --broker-url=" + redis.redacted() : "")
                + (database.jdbcUrl().contains(":" + DevServices.EMBEDDED_POSTGRES_PORT + "/")
                ? " --database-url=postgresql://postgres@127.0.0.1:" + DevServices.EMBEDDED_POSTGRES_PORT + "/postgres" : "");
        out.println();
        out.println("Try it, in another terminal:");
        out.println("  ./celeriac send celeriac.add --args '[2, 3]' --wait" + connect);
        out.println("  ./celeriac ai users add --name Ada --email ada@example.org --tz Europe/Paris" + connect);
        out.println("  ./celeriac ai create --user 1 --prompt 'Time to stretch' --in 10s" + connect);
        out.println("  ./celeriac ai runs 1" + connect + "    # after 10 s: the run, answered offline, notified by e-mail");
        out.println("  ls data/outbox                                   # the e-mail, as an .eml file (no SMTP configured)");
        out.println("  ./celeriac status" + connect);
        out.println();
        out.flush();
    }
}
