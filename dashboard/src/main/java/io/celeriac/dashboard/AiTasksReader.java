package io.celeriac.dashboard;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiRuntime;
import io.celeriac.ai.model.AiTask;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import java.util.List;

/**
 * The users' scheduled AI tasks, read through worker-ai's own service (as {@code celeriac ai
 * list}) on PostgreSQL. Only when a database URL was given: without one the page says "not
 * configured" rather than trying the default server. The module is wired on first use, once.
 */
final class AiTasksReader implements AutoCloseable {
    static final int LIMIT = 100;

    private final Application app;
    private AiRuntime runtime;

    AiTasksReader(Application app) {
        this.app = app;
    }

    boolean configured() {
        return app.settings().get(ConnectionOptions.DATABASE_URL_SETTING).isPresent();
    }

    synchronized List<AiTask> newest() {
        return runtime().wired().service().list(null, LIMIT);
    }

    synchronized AiTask pause(long id) {
        return runtime().wired().service().pause(id);
    }

    synchronized AiTask resume(long id) {
        return runtime().wired().service().resume(id);
    }

    private AiRuntime runtime() {
        if (!configured()) {
            throw new IllegalArgumentException("AI tasks need PostgreSQL: start the dashboard with --database-url (or CELERIAC_DATABASE_URL)");
        }
        if (runtime == null) {
            runtime = AiRuntime.onSharedClock(app, AiConfig.from(app.config("ai"), System.getenv()));
        }
        return runtime;
    }

    @Override
    public synchronized void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
