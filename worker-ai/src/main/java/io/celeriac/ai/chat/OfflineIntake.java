package io.celeriac.ai.chat;

import io.celeriac.ai.service.TaskRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Without an LLM, chat understands two shapes so the demo works offline: "... in 5 minutes ..."
 * (one-off) and "... every 2 hours ..." (recurring). Anything else is left to a real model.
 */
final class OfflineIntake {
    private static final Pattern AMOUNT = Pattern.compile(
            "\\b(in|every)\\s+(\\d+)\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\\b", Pattern.CASE_INSENSITIVE);

    private OfflineIntake() {
    }

    static Optional<TaskRequest> parse(long userId, String message, String key) {
        Matcher m = AMOUNT.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        String unit = switch (Character.toLowerCase(m.group(3).charAt(0))) {
            case 's' -> "s";
            case 'm' -> "m";
            case 'h' -> "h";
            default -> "d";
        };
        String amount = m.group(2) + unit;
        boolean every = m.group(1).equalsIgnoreCase("every");
        String prompt = message.strip();
        return Optional.of(new TaskRequest(userId, null, prompt, null, null, every ? null : amount, null,
                every ? amount : null, null, null, null, null, key));
    }
}
