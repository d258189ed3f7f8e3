package io.celeriac.ai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.User;
import io.celeriac.core.app.Application;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.worker.Worker;
import io.celeriac.db.testing.TestDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An isolated application (fresh schema, random Redis prefixes) with the AI tasks wired to a mock
 * LLM and a mock Twilio, a recording stand-in for the e-mail worker's send_email, and optionally a
 * worker consuming ai_tasks and email_tasks.
 */
final class AiFixture implements AutoCloseable {
    static final String ROUTES = """
            routes:
              "personal_assistant.workers.tasks.ai_tasks.*": ai_tasks
              "personal_assistant.workers.tasks.email_tasks.*": email_tasks
            ai:
              providers:
                retry_after_default: 1s
                breaker_failures: 50
            """;

    final MockLlm llm;
    final MockTwilio twilio;
    final Application app;
    final AiRuntime runtime;
    final TaskRegistry registry = new TaskRegistry();
    final List<ObjectNode> emails = new CopyOnWriteArrayList<>();
    private Worker worker;

    AiFixture(Clock clock, boolean withLlm) throws IOException {
        this(clock, withLlm, "");
    }

    /** @param aiSettings more of the {@code ai:} section, indented by two spaces ("  llm:\n    max_steps: 3\n") */
    AiFixture(Clock clock, boolean withLlm, String aiSettings) throws IOException {
        this.llm = new MockLlm();
        this.twilio = new MockTwilio();
        this.twilio.clock = clock;
        this.app = TestDatabase.app(clock, ROUTES + aiSettings);
        Map<String, String> env = new HashMap<>();
        if (withLlm) {
            env.put("CELERIAC_LLM_BASE_URL", llm.baseUrl());
            env.put("OPENAI_API_KEY", "sk-test");
        }
        env.put("TWILIO_BASE_URL", twilio.baseUrl());
        env.put("TWILIO_ACCOUNT_SID", MockTwilio.SID);
        env.put("TWILIO_AUTH_TOKEN", "secret-token");
        env.put("TWILIO_FROM_NUMBER", "+15550001111");
        this.runtime = new AiRuntime(app, AiConfig.from(app.config("ai"), env));
        AiTasks.register(registry, runtime);
        registry.register(TaskNames.SEND_EMAIL, ctx -> {
            emails.add(ctx.kwargs().deepCopy());
            return null;
        });
    }

    AiRuntime.Wired wired() {
        return runtime.wired();
    }

    User user(String zone) {
        return wired().users().add("Ada", "ada@example.com", "+15557654321", ZoneId.of(zone), true, true, app.clock().instant());
    }

    /** Claims the task's next occurrence as if it were due (no message is sent); returns the run id. */
    long claim(AiTask task) {
        AiTask current = wired().tasks().find(task.id()).orElseThrow();
        return wired().tasks().claim(current.id(), current.nextRunAt(), current.nextRunAt()).orElseThrow().runId();
    }

    /** Runs {@code execute_ai_task(runId)} in this thread, as the worker's attempt number {@code retries} + 1. */
    Object execute(long runId, int retries) throws Exception {
        return registry.find(TaskNames.EXECUTE).orElseThrow().handler().run(new HandlerContext(app, retries, runId));
    }

    /** Starts the run as worker "test-worker" would at {@code at} (its attempt, for the conditional writes). */
    io.celeriac.ai.model.AiTaskRun startRun(long runId, java.time.Instant at) {
        return wired().runs().start(runId, "test-worker", null, at, java.time.Instant.EPOCH, null).orElseThrow();
    }

    /** The run as stored. */
    AiTaskRun run(long runId) {
        return wired().runs().find(runId).orElseThrow();
    }

    Worker startWorker() {
        worker = TestApp.worker(app, registry, TestApp.settings("ai-" + UUID.randomUUID().toString().substring(0, 8),
                List.of("ai_tasks", "email_tasks"), 4));
        worker.start();
        return worker;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        runtime.close();
        app.close();
        llm.close();
        twilio.close();
    }
}
