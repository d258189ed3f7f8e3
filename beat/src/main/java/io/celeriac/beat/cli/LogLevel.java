package io.celeriac.beat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the root log level from Celery's level names (DEBUG, INFO, WARNING, ERROR, CRITICAL). */
final class LogLevel {
    private LogLevel() {
    }

    static void set(String name) {
        String normalized = switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "WARNING" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            default -> name.toUpperCase(java.util.Locale.ROOT);
        };
        Level level = Level.toLevel(normalized, null);
        if (level == null) {
            throw new IllegalArgumentException("--loglevel must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got '" + name + "'");
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
