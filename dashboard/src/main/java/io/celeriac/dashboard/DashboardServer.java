package io.celeriac.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.admin.DeadLetter;
import io.celeriac.core.admin.TaskReport;
import io.celeriac.dashboard.auth.LoginLimiter;
import io.celeriac.dashboard.auth.Sessions;
import io.celeriac.dashboard.pages.AiPage;
import io.celeriac.dashboard.pages.AuditPage;
import io.celeriac.dashboard.pages.BeatPage;
import io.celeriac.dashboard.pages.DeadLettersPage;
import io.celeriac.dashboard.pages.DelayedPage;
import io.celeriac.dashboard.pages.OverviewPage;
import io.celeriac.dashboard.pages.QueuesPage;
import io.celeriac.dashboard.pages.TaskPage;
import io.celeriac.dashboard.pages.TasksPage;
import io.celeriac.dashboard.pages.WorkersPage;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

/**
 * The dashboard's HTTP server (Javalin on Jetty): server-rendered pages, a JSON API under
 * {@code /api/}, and the static files (uPlot from its WebJar) served from the jar.
 */
public final class DashboardServer implements AutoCloseable {
    private final Fleet fleet;
    private final DashboardSettings settings;
    private final Sessions sessions;
    private final Login login;
    private final Actions actions;
    private final Guard guard;
    private final AiTasksReader ai;
    private final DepthSampler depths;
    private final LiveFeed live;
    private final TaskSearch search;
    private Javalin javalin;

    public DashboardServer(Fleet fleet, DashboardSettings settings) {
        this.fleet = fleet;
        this.settings = settings;
        this.sessions = new Sessions(fleet.clock());
        this.login = new Login(fleet, settings, sessions, new LoginLimiter(fleet.keyspace(), fleet.keys()));
        this.actions = new Actions(fleet);
        this.guard = new Guard(sessions, settings);
        this.ai = new AiTasksReader(fleet.app());
        this.depths = new DepthSampler(fleet);
        this.search = new TaskSearch(fleet);
        this.live = new LiveFeed(() -> LiveSnapshot.sample(fleet), System::nanoTime);
    }

    /** The queue-depth sampler (tests run a pass with {@code runOnce}). */
    DepthSampler depths() {
        return depths;
    }

    /** The port bound, once started. */
    public int port() {
        return javalin.port();
    }

    /** Starts serving; returns the port bound (the free one picked for port 0). */
    public int start() {
        javalin = Javalin.create(config -> {
            config.jetty.host = settings.bind();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            routes(config.routes);
        });
        javalin.start();
        depths.start();
        return javalin.port();
    }

    private void routes(RoutesConfig r) {
        r.before(guard::before);
        r.exception(IllegalArgumentException.class, (e, ctx) -> message(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        r.exception(HttpResponseException.class, (e, ctx) -> message(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
        r.get("/static/{file}", StaticFiles::serve);
        r.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
        r.get("/readyz", this::ready);
        r.get("/login", login::form);
        r.post("/login", login::submit);
        r.post("/logout", ctx -> {
            sessions.close(ctx.cookie(Guard.SESSION_COOKIE));
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
        r.get("/", ctx -> page(ctx, "Overview", OverviewPage.body(OverviewPage.json(fleet, depths))));
        r.get("/api/overview", ctx -> json(ctx, OverviewPage.json(fleet, depths)));
        r.get("/api/live", ctx -> {
            ctx.header("Cache-Control", "no-store");
            json(ctx, live.snapshot());
        });
        r.get("/queues", ctx -> page(ctx, "Queues", QueuesPage.body(fleet, Guard.session(ctx), ctx.queryParam("queue"))));
        r.post("/queues/purge", ctx -> done(ctx, "/queues",
                actions.purge(user(ctx), ctx.formParam("queue"), ctx.formParam("confirm"))));
        r.post("/queues/pause", ctx -> done(ctx, "/queues", actions.pauseQueue(user(ctx), ctx.formParam("queue"), true)));
        r.post("/queues/resume", ctx -> done(ctx, "/queues", actions.pauseQueue(user(ctx), ctx.formParam("queue"), false)));
        r.get("/workers", ctx -> page(ctx, "Workers", WorkersPage.body(fleet, Guard.session(ctx))));
        r.post("/workers/grow", ctx -> done(ctx, "/workers", actions.resizeWorker(user(ctx), ctx.formParam("worker"), true)));
        r.post("/workers/shrink", ctx -> done(ctx, "/workers", actions.resizeWorker(user(ctx), ctx.formParam("worker"), false)));
        r.post("/workers/add-consumer", ctx -> done(ctx, "/workers",
                actions.consumer(user(ctx), ctx.formParam("worker"), ctx.formParam("queue"), true)));
        r.post("/workers/cancel-consumer", ctx -> done(ctx, "/workers",
                actions.consumer(user(ctx), ctx.formParam("worker"), ctx.formParam("queue"), false)));
        r.post("/workers/shutdown", ctx -> done(ctx, "/workers", actions.shutdownWorker(user(ctx), ctx.formParam("worker"))));
        r.get("/dead", ctx -> page(ctx, "Dead letters",
                DeadLettersPage.body(fleet, Guard.session(ctx), paging(ctx), ctx.queryParam("queue"), ctx.queryParam("task"))));
        r.get("/dead/raw", this::rawDeadLetter);
        r.post("/dead/requeue", ctx -> done(ctx, "/dead", actions.requeueDead(user(ctx), ctx.formParam("task_id"))));
        r.post("/dead/requeue-matching", ctx -> done(ctx, "/dead", actions.requeueDeadMatching(user(ctx), ctx.formParam("queue"),
                ctx.formParam("task"), ctx.formParam("confirm"))));
        r.post("/dead/delete", ctx -> done(ctx, "/dead", actions.deleteDead(user(ctx), ctx.formParam("task_id"))));
        r.get("/delayed", ctx -> page(ctx, "Delayed", DelayedPage.body(fleet, Guard.session(ctx), paging(ctx))));
        r.post("/delayed/run", ctx -> done(ctx, "/delayed",
                actions.runDelayedNow(user(ctx), rank(ctx), ctx.formParam("task_id"))));
        r.post("/delayed/delete", ctx -> done(ctx, "/delayed",
                actions.deleteDelayed(user(ctx), rank(ctx), ctx.formParam("task_id"))));
        r.get("/tasks", ctx -> {
            TaskQuery query = taskQuery(ctx);
            page(ctx, "Task search", TasksPage.body(query, search.search(query), paging(ctx), settings.redact()));
        });
        r.get("/api/tasks", ctx -> json(ctx, search.search(taskQuery(ctx)).toJson(paging(ctx), !settings.redact())));
        r.get("/task", ctx -> {
            String id = ctx.queryParam("id");
            if (id == null || id.isBlank()) {
                page(ctx, "Task", TaskPage.search(""));
            } else {
                ctx.redirect("/task/" + Html.url(id.strip()).replace("+", "%20"), HttpStatus.SEE_OTHER);
            }
        });
        r.get("/task/{id}", ctx -> page(ctx, "Task", TaskPage.body(report(ctx), searchQueues(ctx), Guard.session(ctx), settings.redact())));
        r.get("/api/task/{id}", ctx -> {
            ObjectNode doc = report(ctx).toJson();
            if (settings.redact() && doc.get("result") instanceof ObjectNode result) {
                // the report already leaves args and kwargs out; the result and traceback may hold the same data
                result.put("result", "(hidden: --redact)");
                result.put("traceback", "(hidden: --redact)");
            }
            json(ctx, doc);
        });
        r.post("/task/terminate", ctx -> done(ctx, "/task/" + Html.url(ctx.formParam("task_id")),
                actions.terminate(user(ctx), ctx.formParam("task_id"))));
        r.post("/task/revoke", ctx -> done(ctx, "/task/" + Html.url(ctx.formParam("task_id")),
                actions.revoke(user(ctx), ctx.formParam("task_id"))));
        r.get("/beat", ctx -> page(ctx, "Beat", BeatPage.body(fleet, Guard.session(ctx))));
        r.post("/beat/enable", ctx -> done(ctx, "/beat", actions.setBeatEntry(user(ctx), ctx.formParam("name"), true)));
        r.post("/beat/run", ctx -> done(ctx, "/beat", actions.runBeatEntryNow(user(ctx), ctx.formParam("name"))));
        r.post("/beat/disable", ctx -> done(ctx, "/beat", actions.setBeatEntry(user(ctx), ctx.formParam("name"), false)));
        r.get("/ai", this::aiPage);
        r.post("/ai/pause", ctx -> done(ctx, "/ai", aiAction(ctx, true)));
        r.post("/ai/resume", ctx -> done(ctx, "/ai", aiAction(ctx, false)));
        r.get("/audit", ctx -> page(ctx, "Audit log", AuditPage.body(fleet.audit(), paging(ctx))));
    }

    /** The task wherever it is; the queues and dead letters are read (every entry) only when asked: {@code ?queues=search}. */
    private TaskReport report(Context ctx) {
        return fleet.locator().locate(ctx.pathParam("id"), fleet.clock().instant(), searchQueues(ctx));
    }

    private TaskQuery taskQuery(Context ctx) {
        TaskQuery query = TaskQuery.parse(ctx::queryParam);
        if (settings.redact() && query.text() != null) {
            // a yes/no answer about hidden arguments would still tell what they hold
            throw new IllegalArgumentException("searching argument text is off with --redact");
        }
        return query;
    }

    private static boolean searchQueues(Context ctx) {
        return "search".equals(ctx.queryParam("queues"));
    }

    /** Ready when Redis answers (one ZCARD): what every page needs. */
    private void ready(Context ctx) {
        try {
            fleet.keyspace().size(fleet.keys().delayed());
            ctx.contentType("application/json").result("{\"status\":\"ready\"}");
        } catch (RuntimeException down) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json").result("{\"status\":\"Redis does not answer\"}");
        }
    }

    private void aiPage(Context ctx) {
        if (!ai.configured()) {
            page(ctx, "AI tasks", AiPage.notConfigured("AI tasks live in PostgreSQL: start the dashboard with --database-url "
                    + "(or CELERIAC_DATABASE_URL) to see and pause them."));
            return;
        }
        try {
            page(ctx, "AI tasks", AiPage.body(ai.newest(), Guard.session(ctx), settings.redact()));
        } catch (RuntimeException unavailable) {
            // the database is down or unmigrated: say so on the page, the rest of the dashboard keeps working
            page(ctx, "AI tasks", AiPage.notConfigured("PostgreSQL did not answer (" + unavailable.getClass().getSimpleName() + ")."));
        }
    }

    private String aiAction(Context ctx, boolean pause) {
        String id = ctx.formParam("id");
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("an AI task id is a number");
        }
        String status = (pause ? ai.pause(Long.parseLong(id)) : ai.resume(Long.parseLong(id))).status().dbName();
        fleet.audit().record(new AuditLog.Entry(fleet.clock().instant(), user(ctx), pause ? "pause AI task" : "resume AI task", id, status));
        return "AI task " + id + " is " + status;
    }

    private void rawDeadLetter(Context ctx) {
        String position = ctx.queryParam("position");
        if (position == null || !position.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("position must be a number");
        }
        DeadLetter letter = fleet.deadLetters().find("#" + position)
                .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no dead letter at #" + position));
        ctx.header("Content-Disposition", "attachment; filename=\"dead-letter-" + position + ".json\"");
        json(ctx, letter.toJson(!settings.redact()));
    }

    private void page(Context ctx, String title, String body) {
        ctx.contentType("text/html; charset=utf-8").result(Layout.page(title, Guard.session(ctx), settings.authenticated(), body));
    }

    private void done(Context ctx, String back, String outcome) {
        page(ctx, "Done", "<p class=\"outcome\">" + Html.esc(outcome) + "</p><p><a href=\"" + Html.esc(back) + "\">Back</a></p>");
    }

    private static void json(Context ctx, ObjectNode doc) {
        ctx.contentType("application/json").result(doc.toString());
    }

    private void message(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/json").result(io.celeriac.core.internal.Json.mapper().createObjectNode()
                    .put("error", message).toString());
        } else {
            ctx.html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.getCode()
                    + "</title><link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body><main><h1>" + status.getCode() + " "
                    + Html.esc(status.getMessage()) + "</h1><p class=\"error\">" + Html.esc(message) + "</p><p><a href=\"/\">Overview</a>"
                    + "</p></main></body></html>");
        }
    }

    private static String user(Context ctx) {
        return Guard.session(ctx).user();
    }

    private static Paging paging(Context ctx) {
        return Paging.parse(ctx.queryParam("page"), ctx.queryParam("size"));
    }

    private static long rank(Context ctx) {
        String rank = ctx.formParam("rank");
        if (rank == null || !rank.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("rank must be a number");
        }
        return Long.parseLong(rank);
    }

    @Override
    public void close() {
        if (javalin != null) {
            javalin.stop();
        }
        ai.close();
        depths.close();
    }
}
