package io.celeriac.core.routing;

import java.util.regex.Pattern;

/**
 * One routing rule: a task-name glob ({@code *} matches any run of characters, dots included, as in
 * Celery's glob routes; {@code ?} one character) and the queue it sends to.
 */
public record Route(String pattern, String queue) {
    public Route {
        QueueNames.validate(queue);
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a route needs a task-name pattern");
        }
    }

    Pattern compile() {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
