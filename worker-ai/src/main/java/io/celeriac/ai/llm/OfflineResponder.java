package io.celeriac.ai.llm;

import io.celeriac.ai.model.AiTask;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What a run says when no LLM is configured: the task itself, clearly marked, so reminders work out
 * of the box and nobody mistakes the text for a model's answer.
 */
public final class OfflineResponder {
    public static final String MARK = "[offline responder: no LLM configured]";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");

    private OfflineResponder() {
    }

    public static String message(AiTask task, Instant now) {
        String when = TIME.format(now.atZone(task.zone())) + " " + task.zone().getId();
        String body = task.title().equals(task.prompt()) ? task.prompt() : task.title() + ": " + task.prompt();
        return MARK + " " + body + " (" + when + ")";
    }
}
