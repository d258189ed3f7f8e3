package io.celeriac.maintenance;

import io.celeriac.core.task.ModuleContext;
import io.celeriac.db.AdvisoryLock;
import io.celeriac.db.Database;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs maintenance work only while holding the one maintenance advisory lock. */
final class Exclusive {
    private static final Logger log = LoggerFactory.getLogger(Exclusive.class);
    static final String LOCK_NAME = "celeriac.maintenance";

    private final ModuleContext context;

    Exclusive(ModuleContext context) {
        this.context = context;
    }

    /** The work's report, or {@code {"skipped": ...}} when another maintenance task holds the lock. */
    Map<String, Object> run(Supplier<Map<String, Object>> work) {
        Optional<AdvisoryLock.Held> lock = new AdvisoryLock(Database.of(context), LOCK_NAME).tryAcquire();
        if (lock.isEmpty()) {
            log.atInfo().log("maintenance lock held by another task; skipping this run");
            return Map.of("skipped", "another maintenance task holds the lock");
        }
        AdvisoryLock.Held held = lock.get();
        try {
            Map<String, Object> report = work.get();
            var event = log.atInfo();
            report.forEach((k, v) -> {
                if (!(v instanceof java.util.Collection<?>)) {
                    event.addKeyValue(k, v);
                }
            });
            event.log("maintenance task finished");
            return report;
        } finally {
            held.close();
        }
    }
}
