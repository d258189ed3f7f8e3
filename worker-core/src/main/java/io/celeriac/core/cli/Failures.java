package io.celeriac.core.cli;

import io.celeriac.core.broker.redis.RedisFailures;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.worker.WorkerNameTakenException;
import java.io.PrintWriter;

/**
 * What a command that threw prints and returns: one line on stderr, never a stack trace or a
 * library's class name, so scripts can rely on the exit code and people can read the message.
 * Usage and config mistakes exit 2; everything else (Redis unreachable, a timeout) exits 1.
 */
final class Failures {
    private Failures() {
    }

    static int report(Throwable error, PrintWriter err) {
        if (error instanceof ConfigException || error instanceof IllegalArgumentException
                || error instanceof WorkerNameTakenException) {
            err.println("celeriac: " + firstLine(error.getMessage()));
            return ExitCodes.USAGE;
        }
        RedisFailures.Explanation redis = RedisFailures.explain(error);
        if (redis != null) {
            // a wrong password is a setting to fix, not an outage to wait out: exit 2 stops a restart loop
            err.println("celeriac: " + redis.line());
            return redis.settingMistake() ? ExitCodes.USAGE : ExitCodes.FAILURE;
        }
        err.println("celeriac: " + describe(error));
        return ExitCodes.FAILURE;
    }

    /** The most specific message in the cause chain, on one line. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = firstLine(error.getMessage());
        String deepest = firstLine(root.getMessage());
        String kind = RedisFailures.fromRedis(error) ? "Redis: " : "";
        if (top.isEmpty()) {
            return kind + (deepest.isEmpty() ? humanName(root) : deepest);
        }
        return kind + (root == error || deepest.isEmpty() || top.contains(deepest) ? top : top + " (" + deepest + ")");
    }

    /** {@code SocketTimeoutException} reads as "socket timeout". */
    private static String humanName(Throwable error) {
        String name = error.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        // wrapped exceptions repeat their causes as "java.util...ExecutionException: org...: text"
        String line = message.replaceAll("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "").strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }
}
