package io.celeriac.core.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level from {@code --loglevel} (Celery's names: DEBUG, INFO, WARNING, ERROR, CRITICAL). */
public final class Logging {
    private Logging() {
    }

    public static void setLevel(String name) {
        String normalized = switch (name.toUpperCase()) {
            case "WARNING" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            default -> name.toUpperCase();
        };
        Level level = Level.toLevel(normalized, null);
        if (level == null) {
            throw new IllegalArgumentException("--loglevel must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got '" + name + "'");
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
