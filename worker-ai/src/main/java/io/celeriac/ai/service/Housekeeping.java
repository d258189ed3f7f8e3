package io.celeriac.ai.service;

import io.celeriac.ai.db.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code test_scheduler_connection} and {@code cleanup_old_logs}. */
public final class Housekeeping {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final Supplier<RunStore> runs;
    private final Supplier<String> redisProblem;
    private final Supplier<String> llmProblem;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param runs         the run store; connecting to the database is part of the check
     * @param llmProblem   null when no LLM is configured
     */
    public Housekeeping(Supplier<RunStore> runs, Supplier<String> redisProblem, Supplier<String> llmProblem, Clock clock,
                        Duration retention) {
        this.runs = runs;
        this.redisProblem = redisProblem;
        this.llmProblem = llmProblem;
        this.clock = clock;
        this.retention = retention;
    }

    /** Checks Redis, PostgreSQL and the LLM endpoint, records the result (when the database answers) and returns it. */
    public Map<String, Object> testConnection() {
        Instant now = clock.instant();
        String redis = redisProblem.get();
        String llm = llmProblem == null ? null : llmProblem.get();
        RunStore store = null;
        String database = null;
        try {
            store = runs.get();
        } catch (RuntimeException e) {
            database = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redis", redis == null ? "ok" : redis);
        out.put("database", database == null ? "ok" : database);
        out.put("llm", llmProblem == null ? "not configured (offline responder)" : llm == null ? "ok" : llm);
        if (store != null) {
            try {
                store.recordCheck(now, redis == null, true, llmProblem == null ? null : llm == null, problems(redis, llm));
            } catch (RuntimeException e) {
                out.put("database", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        boolean ok = redis == null && llm == null && "ok".equals(out.get("database"));
        out.put("ok", ok);
        log.atInfo().addKeyValue("redis_ok", redis == null).addKeyValue("database_ok", "ok".equals(out.get("database")))
                .addKeyValue("llm_ok", llm == null).log("connection check");
        return out;
    }

    /** Deletes finished runs older than the retention; returns how many. */
    public int cleanup() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = runs.get().deleteFinishedBefore(cutoff);
        log.atInfo().addKeyValue("deleted", deleted).addKeyValue("cutoff", cutoff).log("old ai runs deleted");
        return deleted;
    }

    private static String problems(String redis, String llm) {
        String text = (redis == null ? "" : "redis: " + redis + "; ") + (llm == null ? "" : "llm: " + llm);
        return text.isEmpty() ? null : text;
    }
}
