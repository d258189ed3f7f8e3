package io.celeriac.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.chat.ChatIntake;
import io.celeriac.ai.db.DatabaseClock;
import io.celeriac.ai.db.NotificationLog;
import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.db.UserStore;
import io.celeriac.ai.exec.RunExecutor;
import io.celeriac.ai.exec.RunOwners;
import io.celeriac.ai.http.AiHttp;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.ai.notify.LogSmsSender;
import io.celeriac.ai.notify.NotificationMetrics;
import io.celeriac.ai.notify.Notifier;
import io.celeriac.ai.notify.SmsSender;
import io.celeriac.ai.service.AiTaskService;
import io.celeriac.ai.service.Dispatcher;
import io.celeriac.ai.service.Housekeeping;
import io.celeriac.ai.tool.ToolBox;
import io.celeriac.ai.tool.ToolServices;
import io.celeriac.core.app.Application;
import io.celeriac.core.health.BrokerCheck;
import io.celeriac.core.internal.Json;
import io.celeriac.core.internal.Lazy;
import io.celeriac.core.task.ModuleContext;
import io.celeriac.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * The module's wiring, all built on first use: the providers from the config (their HTTP client
 * loads the JDK's trust store, ~0.1 s of every worker's start when built eagerly), and everything
 * that needs the database (a worker that never runs an AI task never connects).
 */
public final class AiRuntime implements AutoCloseable {
    private final ModuleContext context;
    private final AiConfig config;
    private final ObjectMapper json = Json.mapper();
    private final Lazy<Providers> providers;
    private final Lazy<Wired> wired;
    private final boolean databaseClock;

    /** The HTTP layer and the providers that use it; model is null when the offline responder answers. */
    private record Providers(AiHttp http, ChatModel model, SmsSender sms) {
    }

    /** Everything built on the database. */
    public record Wired(UserStore users, TaskStore tasks, RunStore runs, Notifier notifier, Dispatcher dispatcher,
                        AiTaskService service, ToolBox tools, RunExecutor executor, ChatIntake chat, Clock clock) {
    }

    /** On the context's clock (tests drive it by hand). */
    public AiRuntime(ModuleContext context, AiConfig config) {
        this(context, config, false);
    }

    private AiRuntime(ModuleContext context, AiConfig config, boolean databaseClock) {
        this.context = context;
        this.config = config;
        this.databaseClock = databaseClock;
        this.providers = Lazy.of(this::buildProviders);
        this.wired = Lazy.of(() -> wire(Database.of(context)));
    }

    /**
     * As workers and the CLI run it: every decision and timestamp on PostgreSQL's clock
     * ({@link DatabaseClock}), the one all hosts share, so a host whose clock is off cannot fire an
     * occurrence early or take a live run for a stale one.
     */
    public static AiRuntime onSharedClock(ModuleContext context, AiConfig config) {
        return new AiRuntime(context, config, true);
    }

    private Providers buildProviders() {
        AiHttp http = new AiHttp(config, context.clock(), json);
        ChatModel model = config.llm().configured() ? http.chatModel() : null;
        SmsSender sms = config.sms().configured() ? http.smsSender() : new LogSmsSender();
        return new Providers(http, model, sms);
    }

    public AiConfig config() {
        return config;
    }

    public java.time.Clock clock() {
        return context.clock();
    }

    /** The chat model, or null when the offline responder answers. */
    public ChatModel model() {
        return providers.get().model();
    }

    public SmsSender sms() {
        return providers.get().sms();
    }

    public Wired wired() {
        return wired.get();
    }

    public Housekeeping housekeeping() {
        ChatModel model = model();
        return new Housekeeping(() -> wired().runs(), this::redisProblem, model == null ? null : model::problem,
                context.clock(), config.runs().retention());
    }

    private Wired wire(Database database) {
        Clock clock = databaseClock ? new DatabaseClock(database) : context.clock();
        UserStore users = new UserStore(database);
        TaskStore tasks = new TaskStore(database);
        RunStore runs = new RunStore(database);
        // the providers' HTTP client starts when a run, a chat or a notification first calls them
        ChatModel model = config.llm().configured() ? LazyProviders.chatModel(this::model) : null;
        SmsSender sms = LazyProviders.sms(this::sms, config.sms().configured() ? "twilio" : "log");
        RunOwners owners = owners();
        Notifier notifier = new Notifier(new NotificationLog(database), sms, context.sender(), clock,
                config.sms().reconcileAfter(), NotificationMetrics.global());
        Duration longestRetryWait = Collections.max(List.of(config.providers().maxRetryAfter(), config.providers().breakerOpen(),
                RunExecutor.MAX_BACKOFF));
        Dispatcher dispatcher = new Dispatcher(tasks, runs, context.sender(), clock, config.runs(), longestRetryWait, owners);
        AiTaskService service = new AiTaskService(users, tasks, runs, dispatcher, clock, context.random(), config.limits());
        ToolBox tools = ToolBox.standard(new ToolServices(service, notifier, json));
        RunExecutor executor = new RunExecutor(new RunExecutor.Deps(tasks, runs, users, notifier, tools, model,
                clock, config, json, owners));
        ChatIntake chat = new ChatIntake(users, tasks, service, model, tools, clock, config.llm());
        return new Wired(users, tasks, runs, notifier, dispatcher, service, tools, executor, chat, clock);
    }

    private RunOwners owners() {
        try {
            return RunOwners.of(context.broker());
        } catch (UnsupportedOperationException e) {
            return RunOwners.NONE;
        }
    }

    private String redisProblem() {
        if (context instanceof Application app) {
            return new BrokerCheck(app.broker()).problem();
        }
        return null;
    }

    @Override
    public void close() {
        providers.ifBuilt(built -> built.http().close());
    }
}
