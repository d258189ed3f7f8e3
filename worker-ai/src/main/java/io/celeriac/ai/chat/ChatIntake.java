package io.celeriac.ai.chat;

import io.celeriac.ai.AiConfig;
import io.celeriac.ai.AiTaskNotFoundException;
import io.celeriac.ai.db.TaskStore;
import io.celeriac.ai.db.UserStore;
import io.celeriac.ai.exec.RunPrompt;
import io.celeriac.ai.llm.AgentLoop;
import io.celeriac.ai.llm.AgentResult;
import io.celeriac.ai.llm.ChatModel;
import io.celeriac.ai.llm.OfflineResponder;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.User;
import io.celeriac.ai.service.AiTaskService;
import io.celeriac.ai.tool.ToolBox;
import io.celeriac.ai.tool.ToolScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code ai chat}: a user's message to the model with the create_ai_task tool. The request's key
 * is the idempotency key of every create in it, so one request makes at most one task, whether the
 * model repeats the call or the command is run again with the same key.
 */
public final class ChatIntake {
    private final UserStore users;
    private final TaskStore tasks;
    private final AiTaskService service;
    private final ChatModel model;
    private final ToolBox tools;
    private final Clock clock;
    private final AiConfig.Llm llm;

    /** @param model null: the offline parser answers */
    public ChatIntake(UserStore users, TaskStore tasks, AiTaskService service, ChatModel model, ToolBox tools, Clock clock,
                      AiConfig.Llm llm) {
        this.users = users;
        this.tasks = tasks;
        this.service = service;
        this.model = model;
        this.tools = tools;
        this.clock = clock;
        this.llm = llm;
    }

    /**
     * The default request key: the same user sending the same words on the same local day is taken
     * to be a retry. A caller that means a second identical request passes its own key.
     */
    public static String defaultKey(long userId, String message, LocalDate day) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((userId + "\n" + day + "\n" + message.strip()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public ChatOutcome handle(long userId, String message, String requestKey) {
        if (message == null || message.isBlank()) {
            throw new io.celeriac.ai.InvalidAiTaskException("message", "must not be empty");
        }
        User user = users.find(userId).orElseThrow(() -> new AiTaskNotFoundException("user", userId));
        Instant now = clock.instant();
        String key = "chat:" + (requestKey == null || requestKey.isBlank()
                ? defaultKey(userId, message, now.atZone(user.zone()).toLocalDate()) : requestKey.strip());
        if (model == null) {
            return offline(user, message, key);
        }
        AgentLoop loop = new AgentLoop(model, tools, clock, llm.maxSteps(), llm.tokenBudget(), llm.timeout());
        AgentResult result = loop.run(RunPrompt.forChat(user, message, now), ToolScope.chat(user, now, key));
        Optional<AiTask> task = tasks.findByKey(userId, key);
        String reply = result.text() != null ? result.text()
                : task.map(t -> "Created task " + t.id() + ".").orElse("(no answer: " + result.stop().name().toLowerCase() + ")");
        return new ChatOutcome(reply, task, result.tokens(), false);
    }

    private ChatOutcome offline(User user, String message, String key) {
        return OfflineIntake.parse(user.id(), message, key)
                .map(request -> {
                    AiTask task = service.create(request).task();
                    String when = task.nextRunAt() == null ? "" : " for " + task.nextRunAt().atZone(task.zone()).toLocalDateTime()
                            + " " + task.zone().getId();
                    return new ChatOutcome(OfflineResponder.MARK + " scheduled task " + task.id() + when + ".",
                            Optional.of(task), 0, true);
                })
                .orElseGet(() -> new ChatOutcome(OfflineResponder.MARK + " without an LLM, chat understands only"
                        + " 'in N minutes|hours|days' and 'every N minutes|hours|days'; use 'celeriac ai create' for the rest.",
                        tasks.findByKey(user.id(), key), 0, true));
    }
}
