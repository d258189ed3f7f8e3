package io.celeriac.ai.exec;

import io.celeriac.ai.llm.ChatMessage;
import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.User;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The conversations the model starts from: a due task, or a chat message asking for one. */
public final class RunPrompt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm");

    private RunPrompt() {
    }

    public static List<ChatMessage> forRun(User user, AiTask task, List<AiTaskRun> recent, Instant now,
                                           Map<Channel, String> refusals) {
        java.util.Set<Channel> usable = java.util.EnumSet.noneOf(Channel.class);
        task.channels().stream().filter(c -> !refusals.containsKey(c)).forEach(usable::add);
        String system = "You are the personal assistant of " + user.name() + ". A task they scheduled is due now; carry it out. "
                + "It is " + local(now, task.zone()) + ". "
                + "Deliver the result with send_notification (channels: " + (usable.isEmpty() ? "none" : Channel.format(usable))
                + "; no other channel may be used); "
                + "if you do not call it, your final answer is sent to those channels. Be brief: SMS are short. "
                + "Do not create tasks unless the instructions ask for it.";
        StringBuilder user1 = new StringBuilder()
                .append("Task: ").append(task.title()).append('\n')
                .append("Instructions: ").append(task.prompt()).append('\n')
                .append("Schedule: ").append(task.schedule().describe()).append(" (").append(task.zone().getId()).append(")\n");
        if (!recent.isEmpty()) {
            user1.append("Earlier runs:\n");
            for (AiTaskRun run : recent) {
                String output = run.output() == null ? "" : run.output().strip();
                user1.append("- ").append(local(run.scheduledFor(), task.zone())).append(": ").append(run.status().dbName())
                        .append(output.isEmpty() ? "" : " - " + (output.length() > 200 ? output.substring(0, 200) + "..." : output))
                        .append('\n');
            }
        }
        return List.of(ChatMessage.system(system), ChatMessage.user(user1.toString()));
    }

    public static List<ChatMessage> forChat(User user, String message, Instant now) {
        String system = "You are the personal assistant of " + user.name() + ". It is " + local(now, user.zone())
                + ". When they ask for a reminder or a scheduled or recurring task, call create_ai_task exactly once "
                + "(times are their local time, " + user.zone().getId() + "; use 'in' for relative times), then confirm "
                + "in one sentence with the local time it will run. Otherwise, answer briefly.";
        return List.of(ChatMessage.system(system), ChatMessage.user(message));
    }

    static String local(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }
}
