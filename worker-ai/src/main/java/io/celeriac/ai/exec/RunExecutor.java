package io.celeriac.ai.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiException;
import io.celeriac.ai.ProviderUnavailableException;
import io.celeriac.ai.db.RunStore;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.db.UserStore;
import io.celeriac.ai.llm.AgentLoop;
import io.celeriac.ai.llm.AgentResult;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.ai.llm.OfflineResponder;
import io.celeriac.ai.llm.ToolCallRecord;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.User;
import io.celeriac.ai.notify.Notifier;
import io.celeriac.ai.tool.ToolBox;
import io.celeriac.ai.tool.ToolScope;
import io.celeriac.core.task.Reject;
import io.celeriac.core.task.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code execute_ai_task(run_id)}: one attempt of a claimed run.
 * <ol>
 *   <li>start the run (pending or retrying only: a duplicate message stops here);</li>
 *   <li>ask the model, with tools, or the offline responder when none is configured;</li>
 *   <li>send its answer to the task's channels when the model notified no one, or to the channels
 *       whose send failed in an earlier attempt (each channel at most once per run);</li>
 *   <li>record the outcome. A provider that is unavailable retries the task after its Retry-After
 *       (the run keeps what it did; sent channels stay sent); one that refuses fails the run.</li>
 * </ol>
 * The run row adds up every attempt's tool calls and tokens, so a retried run shows all it cost.
 */
public final class RunExecutor {
    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    /** The longest backoff after an unexpected error; provider waits are capped by retry_after_max instead. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    /** @param model null: the offline responder answers */
    public record Deps(TaskStore tasks, RunStore runs, UserStore users, Notifier notifier, ToolBox tools, ChatModel model,
                       Clock clock, AiConfig config, ObjectMapper json) {
    }

    private final Deps d;

    public RunExecutor(Deps deps) {
        this.d = deps;
    }

    public Object execute(TaskContext ctx) {
        long runId = ctx.arg(0, Long.class);
        Instant now = d.clock().instant();
        AiTaskRun run = d.runs().start(runId, now, now.minus(d.config().runs().staleRun())).orElse(null);
        if (run == null) {
            log.atInfo().addKeyValue("run_id", runId).log("run already finished or running; message ignored");
            return Map.of("run_id", runId, "skipped", true);
        }
        AiTask task = d.tasks().find(run.taskId()).orElseThrow(() -> new Reject("task of run " + runId + " is gone"));
        User user = d.users().find(task.userId()).orElseThrow(() -> new Reject("user of run " + runId + " is gone"));
        ToolScope scope = new ToolScope(user, task, runId, now, "run:" + runId);
        // the budget is the run's, not the attempt's: a retry gets what earlier attempts left
        int budgetLeft = Math.max(0, d.config().llm().tokenBudget() - run.tokensUsed());
        AgentLoop loop = d.model() == null ? null : new AgentLoop(d.model(), d.tools(), d.clock(), d.config().llm().maxSteps(),
                budgetLeft, d.config().llm().timeout());
        try {
            AgentResult result = loop == null
                    ? new AgentResult(OfflineResponder.message(task, now), List.of(), 0, AgentResult.Stop.ANSWERED)
                    : loop.run(RunPrompt.forRun(user, task, d.runs().latest(task.id(), d.config().runs().recentRuns() + 1)
                            .stream().filter(r -> r.id() != runId).limit(d.config().runs().recentRuns()).toList(), now), scope);
            boolean hasText = result.text() != null && !result.text().isBlank();
            if (!hasText && !d.notifier().anySent(runId)) {
                throw new NoAnswerException("the LLM gave no answer (" + result.stop().name().toLowerCase() + ")");
            }
            Set<Channel> remaining = d.notifier().stillToNotify(runId, task.channels());
            if (hasText && !remaining.isEmpty()) {
                d.notifier().notify(runId, user, task.title(), result.text(), remaining);
            }
            String note = result.stop() == AgentResult.Stop.ANSWERED ? null : "stopped: " + result.stop().name().toLowerCase();
            d.runs().finish(runId, RunStatus.SUCCEEDED, result.text(), calls(run, result.calls()), run.tokensUsed() + result.tokens(),
                    note, d.notifier().summary(runId), d.clock().instant());
            log.atInfo().addKeyValue("run_id", runId).addKeyValue("ai_task_id", task.id()).addKeyValue("tokens", result.tokens())
                    .addKeyValue("tool_calls", result.calls().size()).log("ai run succeeded");
            return Map.of("run_id", runId, "status", "succeeded", "notification", d.notifier().summary(runId));
        } catch (ProviderUnavailableException e) {
            if (ctx.retries() >= d.config().runs().maxRetries()) {
                throw fail(run, task, loop, e);
            }
            d.runs().retrying(runId, e.getMessage(), calls(run, progress(loop)), tokens(run, loop));
            log.atWarn().addKeyValue("run_id", runId).addKeyValue("provider", e.provider())
                    .addKeyValue("retry_in_ms", e.retryAfter().toMillis()).log("ai run waits for its provider");
            throw ctx.retry(e.retryAfter(), e);
        } catch (AiException e) {
            throw fail(run, task, loop, e);
        } catch (RuntimeException e) {
            // unexpected (a bug, the database or the broker away): retry with backoff, then fail
            if (ctx.retries() >= d.config().runs().maxRetries()) {
                throw fail(run, task, loop, e);
            }
            d.runs().retrying(runId, e.toString(), calls(run, progress(loop)), tokens(run, loop));
            throw ctx.retry(Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 15L << Math.min(ctx.retries(), 5))), e);
        }
    }

    private Reject fail(AiTaskRun run, AiTask task, AgentLoop loop, RuntimeException e) {
        long runId = run.id();
        Instant now = d.clock().instant();
        d.runs().finish(runId, RunStatus.FAILED, null, calls(run, progress(loop)), tokens(run, loop), e.getMessage(),
                d.notifier().summary(runId), now);
        d.tasks().failIfFinished(task.id(), now);
        log.atWarn().addKeyValue("run_id", runId).addKeyValue("ai_task_id", task.id()).addKeyValue("reason", e.getMessage())
                .log("ai run failed");
        return new Reject(e.getMessage(), e);
    }

    private static List<ToolCallRecord> progress(AgentLoop loop) {
        return loop == null ? List.of() : loop.callsSoFar();
    }

    /** Earlier attempts' tokens (read when this attempt started) plus this attempt's. */
    private static int tokens(AiTaskRun run, AgentLoop loop) {
        return run.tokensUsed() + (loop == null ? 0 : loop.tokensSoFar());
    }

    /** Earlier attempts' tool calls followed by this attempt's, as the JSON list stored with the run. */
    private String calls(AiTaskRun run, List<ToolCallRecord> calls) {
        ArrayNode all = d.json().createArrayNode();
        try {
            if (run.toolCallsJson() != null && d.json().readTree(run.toolCallsJson()) instanceof ArrayNode earlier) {
                all.addAll(earlier);
            }
        } catch (JsonProcessingException e) {
            // the column is JSONB, so this cannot happen; losing old entries beats failing the run
        }
        calls.forEach(c -> all.add(d.json().valueToTree(c)));
        return all.toString();
    }

    /** The model stopped without text and without notifying: nothing to tell the user. */
    static final class NoAnswerException extends AiException {
        NoAnswerException(String message) {
            super(message);
        }
    }
}
