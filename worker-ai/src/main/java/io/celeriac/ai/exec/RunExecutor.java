package io.celeriac.ai.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiException;
import io.celeriac.ai.PersonalData;
import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.db.UserStore;
import io.celeriac.ai.llm.AgentLoop;
import io.celeriac.ai.llm.AgentResult;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.ai.llm.OfflineResponder;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.notify.Notifier;
import io.celeriac.ai.tool.ToolBox;
import io.celeriac.ai.tool.ToolScope;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskContext;
import io.celeriac.http.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code execute_ai_task(run_id)}: one attempt of a claimed run.
 * <ol>
 *   <li>start the run under this worker ({@link RunStart}): from pending or retrying, or taken over
 *       at once from a running attempt whose worker's lease is gone; a duplicate message stops here;</li>
 *   <li>unless an earlier attempt stored the answer: ask the model, with tools, or the offline
 *       responder, then store its answer with the run before anything more is sent;</li>
 *   <li>if the task was cancelled or paused meanwhile, notify no one;</li>
 *   <li>plan a message on every channel the task chose and the user allows that the model did not
 *       use (its message on another channel, else its answer), and deliver every channel
 *       ({@link Notifier}); channels the user does not allow are recorded as refused;</li>
 *   <li>a channel still unsettled (provider unavailable, outcome being reconciled) retries the task
 *       after its wait: only notifications are retried, the model is not asked again. Past the
 *       retries, unsettled channels are given up ({@code unknown} if they may have gone out).</li>
 * </ol>
 * Every write is conditional on this attempt still owning the run, so a worker taken for dead
 * that comes back cannot overwrite its successor.
 */
public final class RunExecutor {
    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    /** The longest backoff after an unexpected error; provider waits are capped by retry_after_max instead. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    /** @param model null: the offline responder answers */
    public record Deps(TaskStore tasks, RunStore runs, UserStore users, Notifier notifier, ToolBox tools, ChatModel model,
                       Clock clock, AiConfig config, ObjectMapper json, RunOwners owners) {
    }

    private final Deps d;
    private final RunStart start;
    private final RunRecord record;
    private final Set<Long> active = ConcurrentHashMap.newKeySet();

    public RunExecutor(Deps deps) {
        this.d = deps;
        this.start = new RunStart(deps.runs(), deps.owners(), deps.clock(), deps.config().runs().staleRun(), active);
        this.record = new RunRecord(deps.json());
    }

    public Object execute(TaskContext ctx) {
        long runId = ctx.arg(0, Long.class);
        AiTaskRun attempt = start.start(runId, ctx.hostname()).orElse(null);
        if (attempt == null) {
            return Map.of("run_id", runId, "skipped", true);
        }
        try {
            return attempt(ctx, attempt);
        } finally {
            active.remove(runId);
        }
    }

    private Object attempt(TaskContext ctx, AiTaskRun run) {
        long runId = run.id();
        AiTask task = d.tasks().find(run.taskId()).orElseThrow(() -> new Reject("task of run " + runId + " is gone"));
        User user = d.users().find(task.userId()).orElseThrow(() -> new Reject("user of run " + runId + " is gone"));
        Map<Channel, String> refusals = Notifier.refusals(task, user);
        AgentLoop loop = null;
        String answer = run.output();
        String calls = run.toolCallsJson();
        int tokens = run.tokensUsed();
        // why the model stopped, when not by answering: kept with the run (an earlier attempt stored it)
        String note = run.error() != null && run.error().startsWith("stopped: ") ? run.error() : null;
        try {
            if (!run.answered()) {
                if (stopped(task)) {
                    return finishUnnotified(run, task, "the task was " + task.status().dbName() + " before it ran");
                }
                Instant now = d.clock().instant();
                ToolScope scope = new ToolScope(user, task, runId, now, "run:" + runId, refusals, task.createdByRun() == null);
                loop = newLoop(run);
                AgentResult result = loop == null
                        ? new AgentResult(OfflineResponder.message(task, now), List.of(), 0, AgentResult.Stop.ANSWERED)
                        : loop.run(RunPrompt.forRun(user, task, earlier(task, runId), now, refusals), scope);
                answer = blank(result.text()) ? null : result.text();
                calls = record.calls(run, result.calls());
                tokens = run.tokensUsed() + result.tokens();
                if (answer == null && d.notifier().all(runId).stream().noneMatch(n -> n.body() != null)) {
                    throw new NoAnswerException("the LLM gave no answer (" + result.stop().name().toLowerCase() + ")");
                }
                note = result.stop() == AgentResult.Stop.ANSWERED ? null : "stopped: " + result.stop().name().toLowerCase();
                if (!d.runs().answered(run, answer, calls, tokens, note, d.clock().instant())) {
                    return takenOver(runId);
                }
            }
            return notifyAll(ctx, run, d.tasks().find(task.id()).orElse(task), user, refusals,
                    new Answer(answer, calls, tokens, note));
        } catch (ProviderUnavailableException e) {
            if (ctx.retries() >= d.config().runs().maxRetries()) {
                throw fail(run, task, record.calls(run, progress(loop)), record.tokens(run, loop), e);
            }
            Duration wait = e.retryAfter() != null ? e.retryAfter() : d.config().providers().defaultRetryAfter();
            d.runs().retrying(run, e.getMessage(), record.calls(run, progress(loop)), record.tokens(run, loop), d.notifier().summary(runId));
            log.atWarn().addKeyValue("run_id", runId).addKeyValue("provider", e.provider())
                    .addKeyValue("retry_in_ms", wait.toMillis()).log("ai run waits for its provider");
            throw ctx.retry(wait, e);
        } catch (AiException e) {
            throw fail(run, task, run.answered() ? calls : record.calls(run, progress(loop)),
                    run.answered() ? tokens : record.tokens(run, loop), e);
        } catch (Reject | Retry e) {
            throw e;
        } catch (RuntimeException e) {
            // unexpected (a bug, the database or the broker away): retry with backoff, then fail
            if (ctx.retries() >= d.config().runs().maxRetries()) {
                throw fail(run, task, record.calls(run, progress(loop)), record.tokens(run, loop), e);
            }
            d.runs().retrying(run, PersonalData.mask(e.toString()), record.calls(run, progress(loop)), record.tokens(run, loop),
                    d.notifier().summary(runId));
            throw ctx.retry(Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 15L << Math.min(ctx.retries(), 5))), e);
        }
    }

    /** What the model produced, as stored with the run. */
    private record Answer(String text, String calls, int tokens, String note) {
    }

    private Object notifyAll(TaskContext ctx, AiTaskRun run, AiTask task, User user, Map<Channel, String> refusals,
                             Answer result) {
        long runId = run.id();
        String answer = result.text();
        String calls = result.calls();
        int tokens = result.tokens();
        if (stopped(task)) {
            return finishUnnotified(run, task, "not notified: the task was " + task.status().dbName() + " before the notification");
        }
        String fallback = answer != null ? answer : d.notifier().all(runId).stream()
                .filter(n -> n.body() != null).map(n -> n.body()).findFirst().orElse(null);
        for (Channel channel : task.channels()) {
            if (refusals.containsKey(channel)) {
                d.notifier().refuse(runId, channel, refusals.get(channel));
            } else if (fallback != null) {
                d.notifier().plan(runId, channel, task.title(), fallback);
            }
        }
        Duration retryIn = null;
        boolean anySent = false;
        StringBuilder problems = new StringBuilder();
        for (Channel channel : task.channels()) {
            if (refusals.containsKey(channel)) {
                continue;
            }
            Notifier.Delivery delivery = d.notifier().deliver(runId, user, channel);
            anySent |= delivery.status() == io.celeriac.ai.model.Notification.Status.SENT;
            if (delivery.retryIn() != null) {
                retryIn = retryIn == null || delivery.retryIn().compareTo(retryIn) < 0 ? delivery.retryIn() : retryIn;
            }
            if (delivery.detail() != null && delivery.status() != io.celeriac.ai.model.Notification.Status.SENT) {
                problems.append(problems.isEmpty() ? "" : "; ").append(channel.dbName()).append(": ").append(delivery.detail());
            }
        }
        if (retryIn != null && ctx.retries() < d.config().runs().maxRetries()) {
            Duration wait = retryIn.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryIn;
            d.runs().retrying(run, result.note() != null ? result.note() : problems.toString(), calls, tokens,
                    d.notifier().summary(runId));
            log.atWarn().addKeyValue("run_id", runId).addKeyValue("retry_in_ms", wait.toMillis())
                    .log("ai run waits to finish its notifications");
            throw ctx.retry(wait, new NotificationPendingException(problems.toString()));
        }
        if (retryIn != null) {
            task.channels().forEach(c -> d.notifier().giveUp(runId, c, "gave up after " + ctx.retries() + " retries"));
        }
        String summary = d.notifier().summary(runId);
        RunStatus status = anySent ? RunStatus.SUCCEEDED : RunStatus.FAILED;
        String error = problems.isEmpty() ? result.note() : problems.toString();
        if (!d.runs().finish(run, status, answer, calls, tokens, status == RunStatus.FAILED && error == null
                ? "no channel to notify" : error, summary, d.clock().instant())) {
            return takenOver(runId);
        }
        if (status == RunStatus.FAILED) {
            d.tasks().failIfFinished(task.id(), d.clock().instant());
            log.atWarn().addKeyValue("run_id", runId).addKeyValue("ai_task_id", task.id()).addKeyValue("notification", summary)
                    .log("ai run failed");
            throw new Reject(error == null ? "no channel to notify" : error);
        }
        log.atInfo().addKeyValue("run_id", runId).addKeyValue("ai_task_id", task.id()).addKeyValue("tokens", tokens)
                .addKeyValue("notification", summary).log("ai run succeeded");
        return Map.of("run_id", runId, "status", "succeeded", "notification", summary);
    }

    private AgentLoop newLoop(AiTaskRun run) {
        if (d.model() == null) {
            return null;
        }
        // the budget is the run's, not the attempt's: a retry gets what earlier attempts left
        int budgetLeft = Math.max(0, d.config().llm().tokenBudget() - run.tokensUsed());
        return new AgentLoop(d.model(), d.tools(), d.clock(), d.config().llm().maxSteps(), budgetLeft, d.config().llm().timeout());
    }

    private List<AiTaskRun> earlier(AiTask task, long runId) {
        return d.runs().latest(task.id(), d.config().runs().recentRuns() + 1).stream()
                .filter(r -> r.id() != runId).limit(d.config().runs().recentRuns()).toList();
    }

    private static boolean stopped(AiTask task) {
        return task.status() == TaskStatus.CANCELLED || task.status() == TaskStatus.PAUSED;
    }

    private Object finishUnnotified(AiTaskRun run, AiTask task, String reason) {
        task.channels().forEach(c -> d.notifier().refuse(run.id(), c, reason));
        d.runs().finish(run, RunStatus.FAILED, run.output(), run.toolCallsJson(), run.tokensUsed(), reason,
                d.notifier().summary(run.id()), d.clock().instant());
        log.atInfo().addKeyValue("run_id", run.id()).addKeyValue("ai_task_id", task.id()).addKeyValue("reason", reason)
                .log("ai run stopped: nobody notified");
        return Map.of("run_id", run.id(), "status", "failed", "reason", reason);
    }

    private Map<String, Object> takenOver(long runId) {
        log.atWarn().addKeyValue("run_id", runId).log("run was taken over by another worker; this attempt stops");
        return Map.of("run_id", runId, "skipped", true);
    }

    private Reject fail(AiTaskRun run, AiTask task, String calls, int tokens, RuntimeException e) {
        long runId = run.id();
        Instant now = d.clock().instant();
        String reason = PersonalData.mask(e.getMessage());
        task.channels().forEach(c -> d.notifier().giveUp(runId, c, "the run failed"));
        d.runs().finish(run, RunStatus.FAILED, run.output(), calls, tokens, reason, d.notifier().summary(runId), now);
        d.tasks().failIfFinished(task.id(), now);
        log.atWarn().addKeyValue("run_id", runId).addKeyValue("ai_task_id", task.id()).addKeyValue("reason", reason)
                .log("ai run failed");
        return new Reject(reason, e);
    }

    private static List<io.celeriac.ai.llm.ToolCallRecord> progress(AgentLoop loop) {
        return loop == null ? List.of() : loop.callsSoFar();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The model stopped without text and without notifying: nothing to tell the user. */
    static final class NoAnswerException extends AiException {
        NoAnswerException(String message) {
            super(message);
        }
    }

    /** Some channel is waiting for its provider or for a reconciliation: the task retries. */
    static final class NotificationPendingException extends AiException {
        NotificationPendingException(String message) {
            super(message);
        }
    }
}
