package io.celeriac.sync;

import io.celeriac.core.retry.Backoff;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.core.task.TaskContext;
import io.celeriac.core.task.TaskModule;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.db.Database;
import io.celeriac.http.BreakerPolicy;
import io.celeriac.http.CircuitBreakers;
import io.celeriac.sync.calendar.CalendarSync;
import io.celeriac.sync.db.CalendarStore;
import io.celeriac.sync.db.NotionStore;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.http.SyncHttp;
import io.celeriac.sync.notion.NotionSync;
import io.celeriac.sync.secret.SecretKeys;
import io.celeriac.sync.secret.TokenVault;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * worker-sync's tasks (queue {@code sync_tasks}). Both take an optional {@code user_id} keyword to
 * sync one user's sources (after the user adds one); beat sends them without, for everyone.
 * The database is reached only when a task runs, so registering costs nothing. The environment
 * ({@code CELERIAC_SECRET_KEY}) is read here, at wiring time, and nowhere else; a malformed key
 * stops the worker at start rather than every Notion sync later.
 */
public final class SyncTasks implements TaskModule {
    public static final String PREFIX = "personal_assistant.workers.tasks.sync_tasks.";
    public static final String SYNC_CALENDAR_EVENTS = PREFIX + "sync_calendar_events";
    public static final String SYNC_NOTION_PAGES = PREFIX + "sync_notion_pages";

    private static final Logger log = LoggerFactory.getLogger(SyncTasks.class);

    private final Map<String, String> env;

    public SyncTasks() {
        this(System.getenv());
    }

    /** With this environment instead of the process's (tests). */
    public SyncTasks(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "sync";
    }

    /** Its tasks store data: a worker serving them is ready only while the database answers. */
    @Override
    public java.util.List<Class<?>> components() {
        return java.util.List.of(Database.class);
    }

    @Override
    public void register(TaskRegistry registry, ModuleContext context) {
        SyncSettings settings = SyncSettings.from(context.config("sync"));
        CircuitBreakers breakers = breakers(settings, context.clock());
        SyncHttp http = new SyncHttp(settings, context.clock());
        TokenVault tokens = SecretKeys.vault(env);
        // Outages get 5 retries from 30 s up to 30 min; a 429 retries after its own Retry-After.
        TaskOptions options = TaskOptions.defaults()
                .maxRetries(5)
                .backoff(Backoff.exponential(Duration.ofSeconds(30), Duration.ofMinutes(30), true))
                .timeLimit(Duration.ofMinutes(30));
        registry.register(SYNC_CALENDAR_EVENTS, options, task -> finish(task, new CalendarSync(
                new SourceStore(Database.of(context)), new CalendarStore(Database.of(context)), http.feeds(), breakers,
                settings).run(userId(task), context.clock())));
        registry.register(SYNC_NOTION_PAGES, options, task -> finish(task, new NotionSync(
                new SourceStore(Database.of(context)), new NotionStore(Database.of(context)), http.notion(), breakers,
                notionBreaker(settings), tokens).run(userId(task), context.clock())));
    }

    /**
     * One set of breakers for the process: 50 % failures of the last 10 calls (at least
     * {@code breaker_min_calls}) open a breaker; a host's shared breaker needs failures of
     * {@code breaker_min_users} distinct users, a source's own needs only its own.
     */
    public static CircuitBreakers breakers(SyncSettings settings, java.time.Clock clock) {
        SyncSettings.Breakers b = settings.breakers();
        return new CircuitBreakers(new BreakerPolicy(Math.max(10, b.minCalls()), b.minCalls(), 50, b.openFor(), b.minUsers(),
                false), clock);
    }

    /** The breaker key of Notion's API: {@code notion host:port}. */
    public static String notionBreaker(SyncSettings settings) {
        java.net.URI base = settings.notionBaseUrl();
        int port = base.getPort() >= 0 ? base.getPort() : "http".equalsIgnoreCase(base.getScheme()) ? 80 : 443;
        return "notion " + base.getHost() + ":" + port;
    }

    private static Long userId(TaskContext task) {
        return task.kwarg("user_id", Long.class, null);
    }

    private static Map<String, Object> finish(TaskContext task, SyncReport report) {
        Map<String, Object> result = report.toResult();
        var event = log.atInfo().addKeyValue("task", task.taskName());
        result.forEach(event::addKeyValue);
        event.log("sync run finished");
        report.retryIfDeferred(task);
        return result;
    }
}
