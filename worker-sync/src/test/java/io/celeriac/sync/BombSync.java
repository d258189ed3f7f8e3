package io.celeriac.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.db.Database;
import io.celeriac.db.DatabaseUrl;
import io.celeriac.sync.calendar.CalendarSync;
import io.celeriac.sync.db.CalendarStore;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.http.SyncHttp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;

/**
 * One calendar sync run in a JVM of its own, started by {@link CalendarBombIT} with a small heap:
 * {@code BombSync JDBC_URL USER SCHEMA SYNC_YAML}. Prints the run's counts and the heap's peak.
 */
public final class BombSync {
    private BombSync() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseUrl url = new DatabaseUrl(args[0], args[1].isEmpty() ? null : args[1], null);
        SyncSettings settings = SyncSettings.from(AppConfigLoader.fromYaml(args[3]).section("sync"));
        Clock clock = Clock.systemUTC();
        try (Database database = new Database(url, args[2], 2); SyncHttp http = new SyncHttp(settings, clock)) {
            SyncReport report = new CalendarSync(new SourceStore(database), new CalendarStore(database), http.feeds(),
                    SyncTasks.breakers(settings, clock), settings).run(null, clock);
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(report.toResult()));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("PEAK_HEAP_MB " + peak / (1024 * 1024));
    }
}
