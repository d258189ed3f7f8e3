package io.celeriac.ai.db;

import io.celeriac.db.MigrationSet;

/** The AI module's tables (ai_tasks, ai_task_runs, ai_notifications, ai_connection_checks), after the shared users. */
public final class AiMigrations implements MigrationSet {
    @Override
    public String name() {
        return "ai";
    }

    @Override
    public String location() {
        return "db/ai";
    }

    @Override
    public int order() {
        return 100;
    }
}
