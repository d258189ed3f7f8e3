package io.celeriac.ai;

import io.celeriac.ai.db.NotificationLog;
import io.celeriac.ai.exec.RunExecutor;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.notify.Notifier;
import io.celeriac.ai.service.TaskRequest;
import io.celeriac.ai.tool.ToolBox;
import io.celeriac.ai.tool.ToolServices;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.internal.Json;
import io.celeriac.core.task.Retry;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.db.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run that fails after its SMS went out: the send_email task cannot be queued (the broker is
 * away). The attempt retries; the retry queues the e-mail and does not send the SMS again.
 */
class UnqueuedEmailIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2027-02-01T07:00:00Z"));
    private final BrokerAway broker = new BrokerAway();
    private AiFixture fx;
    private RunExecutor executor;
    private User user;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AiFixture(clock, true);
        user = fx.user("Europe/Berlin");
        Notifier notifier = new Notifier(new NotificationLog(Database.of(fx.app)), fx.runtime.sms(), broker, clock,
                fx.runtime.config().sms().reconcileAfter(), io.celeriac.ai.notify.NotificationMetrics.global());
        AiRuntime.Wired w = fx.wired();
        executor = new RunExecutor(new RunExecutor.Deps(w.tasks(), w.runs(), w.users(), notifier,
                ToolBox.standard(new ToolServices(w.service(), notifier, Json.mapper())), fx.runtime.model(), clock,
                fx.runtime.config(), Json.mapper(), io.celeriac.ai.exec.RunOwners.NONE));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void the_retry_queues_the_email_and_does_not_send_the_sms_again() {
        fx.llm.thenAnswers("Bin day.").thenAnswers("Bin day!");
        AiTask task = fx.wired().service().create(new TaskRequest(user.id(), "Bins", "Put the bins out", null, null, "1h",
                null, null, null, "sms,email", null, null, "bins")).task();
        long runId = fx.claim(task);
        broker.away.set(true);

        Retry retry = assertThrows(Retry.class, () -> executor.execute(new HandlerContext(fx.app, 0, runId)));

        assertTrue(retry.getCause().getMessage().contains("broker unreachable"), retry.toString());
        AiTaskRun waiting = fx.run(runId);
        assertEquals(RunStatus.RETRYING, waiting.status());
        assertEquals(1, fx.twilio.messages.size());
        assertEquals(io.celeriac.ai.model.Notification.Status.PENDING,
                new NotificationLog(Database.of(fx.app)).find(runId, io.celeriac.ai.model.Channel.EMAIL).orElseThrow().status(),
                "known not queued, so a retry may queue it");

        broker.away.set(false);
        executor.execute(new HandlerContext(fx.app, 1, runId));

        AiTaskRun run = fx.run(runId);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(2, run.attempts());
        assertEquals(1, fx.twilio.messages.size(), "the SMS went out once");
        assertEquals("Bin day.", fx.twilio.messages.get(0).get("Body"));
        assertEquals(1, broker.queued.size());
        assertEquals("ai-run-" + runId + "-email", broker.queued.get(0).get("idempotency_key"));
        assertEquals("email=sent sms=sent", run.notification());
        assertEquals(25, run.tokensUsed(), "one model request: the retry only notifies");
        assertEquals(1, fx.llm.requests.size(), "the answer was kept, the model not asked again");
    }

    /** The application's sender for send_email, as if Redis could not be reached while {@link #away} is set. */
    private final class BrokerAway implements TaskSender {
        final AtomicBoolean away = new AtomicBoolean();
        final List<Map<String, ?>> queued = new CopyOnWriteArrayList<>();

        @Override
        public AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, SendOptions options) {
            if (away.get()) {
                throw new IllegalStateException("broker unreachable");
            }
            queued.add(kwargs);
            return fx.app.sender().send(task, args, kwargs, options);
        }
    }
}
