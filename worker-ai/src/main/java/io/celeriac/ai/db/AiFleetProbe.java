package io.celeriac.ai.db;

import io.celeriac.core.component.Settings;
import io.celeriac.core.metrics.FleetProbe;
import io.celeriac.core.metrics.FleetSample;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AI module's health for {@code celeriac exporter}, read from its tables on PostgreSQL's clock:
 * work that is due and was not started (tasks past their {@code next_run_at}: the dispatch that
 * should have claimed them did not run; runs claimed and not finished, by status) and each
 * channel's notifications of the last hour by outcome. Open only when the process was given a
 * database URL; it never migrates (the exporter reads, the workers and {@code migrate} own the schema).
 */
public final class AiFleetProbe implements FleetProbe {
    /** The channels the module sends on; anything else in the table is counted as {@code other}. */
    private static final Set<String> CHANNELS = Set.of("sms", "email");

    @Override
    public String name() {
        return "ai";
    }

    @Override
    public Reader open(Settings settings, Clock clock) {
        if (settings.get(DatabaseSettings.URL).isEmpty()) {
            return null;
        }
        return new AiReader(settings);
    }

    private static final class AiReader implements Reader {
        private final Settings settings;
        private Database database;

        AiReader(Settings settings) {
            this.settings = settings;
        }

        @Override
        public List<FleetSample> read() {
            if (database == null) {
                // one connection, opened on the first reading: PostgreSQL may be down when the exporter starts
                database = new Database(DatabaseSettings.url(settings), DatabaseSettings.schema(settings), 1);
            }
            return database.jdbi().withHandle(h -> {
                List<FleetSample> samples = new ArrayList<>();
                h.createQuery("""
                        SELECT count(*) AS due, COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(next_run_at)), 0) AS oldest
                        FROM ai_tasks WHERE status = 'active' AND next_run_at <= clock_timestamp()""")
                        .map((rs, ctx) -> {
                            samples.add(new FleetSample("celeriac.ai.tasks.due", "Active AI tasks whose next run is due and not yet claimed",
                                    Map.of(), rs.getLong("due")));
                            samples.add(new FleetSample("celeriac.ai.tasks.due.oldest.seconds",
                                    "How late the most overdue unclaimed AI task is (0 when none is due)", Map.of(), rs.getDouble("oldest")));
                            return 0;
                        }).list();
                for (String status : List.of("pending", "running", "retrying")) {
                    h.createQuery("""
                            SELECT count(*) AS n, COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(claimed_at)), 0) AS oldest
                            FROM ai_task_runs WHERE finished_at IS NULL AND status = :status""").bind("status", status)
                            .map((rs, ctx) -> {
                                samples.add(new FleetSample("celeriac.ai.runs.unfinished", "AI runs claimed and not finished, by status",
                                        Map.of("status", status), rs.getLong("n")));
                                samples.add(new FleetSample("celeriac.ai.runs.unfinished.oldest.seconds",
                                        "Since the oldest unfinished AI run of this status was claimed (0 when none)",
                                        Map.of("status", status), rs.getDouble("oldest")));
                                return 0;
                            }).list();
                }
                h.createQuery("""
                        SELECT channel, status, count(*) AS n FROM ai_notifications
                        WHERE updated_at > clock_timestamp() - INTERVAL '1 hour' GROUP BY channel, status""")
                        .map((rs, ctx) -> {
                            String channel = CHANNELS.contains(rs.getString("channel")) ? rs.getString("channel") : "other";
                            samples.add(new FleetSample("celeriac.ai.notifications.last.hour",
                                    "Notifications last updated within the hour, by channel and outcome (pending, sending, sent, failed, unknown)",
                                    Map.of("channel", channel, "status", rs.getString("status")), rs.getLong("n")));
                            return 0;
                        }).list();
                return merge(samples);
            });
        }

        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }

    /** Rows with the same name and tags (channels folded into other) add up. */
    static List<FleetSample> merge(List<FleetSample> samples) {
        Map<List<Object>, FleetSample> merged = new java.util.LinkedHashMap<>();
        for (FleetSample s : samples) {
            merged.merge(List.of(s.name(), s.tags()), s,
                    (a, b) -> new FleetSample(a.name(), a.description(), a.tags(), a.value() + b.value()));
        }
        return new ArrayList<>(merged.values());
    }
}
