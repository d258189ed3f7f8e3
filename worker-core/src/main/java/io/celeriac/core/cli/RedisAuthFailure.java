package io.celeriac.core.cli;

import org.redisson.client.RedisAuthRequiredException;
import org.redisson.client.RedisWrongPasswordException;

/**
 * Recognises a Redis that refused the broker URL's credentials. Redisson reports it as "Unable to
 * connect", with the server's WRONGPASS or NOAUTH several causes down; a process that restarts on
 * that would only fail again, so the CLI names it in one line and exits as for a bad setting.
 */
final class RedisAuthFailure {
    private RedisAuthFailure() {
    }

    /** The one-line explanation when {@code error} was caused by refused credentials, else null. */
    static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisWrongPasswordException) {
                return "Redis refused the broker URL's password (WRONGPASS): check the password in the broker URL";
            }
            if (cause instanceof RedisAuthRequiredException) {
                return "Redis requires a password (NOAUTH) and the broker URL has none: add it (redis://:PASSWORD@host:6379/0)";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
