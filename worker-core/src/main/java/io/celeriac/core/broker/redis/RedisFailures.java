package io.celeriac.core.broker.redis;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in one line why Redis could not be reached or logged in to, whichever client failed (the
 * broker's Jedis pool or Redisson), and whether it is a setting to fix rather than an outage to
 * wait out: a process manager that restarts on a wrong password only fails again, so those exit as
 * for a bad setting. An unknown host is not one of them: in a container fleet a service's name may
 * resolve only once that service is up.
 */
public final class RedisFailures {
    private RedisFailures() {
    }

    /** What went wrong, and whether the broker URL (not the network) is the cause. */
    public record Explanation(String line, boolean settingMistake) {
    }

    /** The explanation when {@code error} comes from reaching Redis, else null. */
    public static Explanation explain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && chain.size() < 20; cause = cause.getCause() == cause ? null : cause.getCause()) {
            chain.add(cause);
        }
        // the most specific cause first: a client wraps "unknown host" in "failed to connect"
        for (Throwable cause : chain) {
            Explanation specific = specific(cause, text(cause).toUpperCase(Locale.ROOT));
            if (specific != null) {
                return specific;
            }
        }
        for (Throwable cause : chain) {
            String upper = text(cause).toUpperCase(Locale.ROOT);
            if (cause instanceof ConnectException || upper.contains("CONNECTION REFUSED") || upper.startsWith("FAILED TO CONNECT")) {
                return outage("Redis refused the connection (" + firstLine(text(cause)) + "): is it running, on that host and port?");
            }
            if (cause instanceof SocketTimeoutException) {
                return outage("Redis did not answer in time (" + firstLine(text(cause)) + ")");
            }
        }
        return null;
    }

    /**
     * A failure of the first command a process sends, with what the URL tells about it. A TLS
     * Redis that wants client certificates ({@code tls-auth-clients yes}) accepts the TLS 1.3
     * handshake and drops the connection after it, so a URL without {@code ssl_certfile} sees a
     * broken pipe or a closed stream rather than a handshake error: that is named for what it
     * most likely is, a setting to fix.
     */
    public static RuntimeException atStart(RedisUrl url, RuntimeException error) {
        if (!url.tls() || url.tlsFiles().certFile() != null || explain(error) != null) {
            return error;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String upper = text(cause).toUpperCase(Locale.ROOT);
            if (upper.contains("BROKEN PIPE") || upper.contains("CONNECTION RESET") || upper.contains("END OF STREAM")) {
                return new IllegalArgumentException("the TLS Redis closed the connection once connected: it likely wants a "
                        + "client certificate (ssl_certfile and ssl_keyfile in the broker URL)", error);
            }
        }
        return error;
    }

    private static Explanation specific(Throwable cause, String upper) {
        if (upper.contains("WRONGPASS")) {
            return mistake("Redis refused the broker URL's password (WRONGPASS): check the user and password in the broker URL");
        }
        if (upper.contains("NOAUTH")) {
            return mistake("Redis requires a password (NOAUTH) and the broker URL has none: add it (redis://:PASSWORD@host:6379/0)");
        }
        if (upper.contains("WITHOUT ANY PASSWORD CONFIGURED")) {
            return mistake("the broker URL has a password but this Redis has none set (AUTH refused): remove it from the URL, or connect to the right server");
        }
        if (upper.contains("DB INDEX IS OUT OF RANGE") || upper.contains("INVALID DB INDEX")) {
            return mistake("this Redis has no such database (DB index is out of range): use a db number it has (0-15 by default) at the end of the broker URL");
        }
        if (cause instanceof UnknownHostException || upper.contains("FAILED TO RESOLVE") || upper.contains("NXDOMAIN")) {
            // an outage, not a setting: in a container fleet a service's name may resolve only once it is up
            return outage("the broker URL's host is unknown (" + hostOf(cause, text(cause)) + "): check the host name in the broker URL");
        }
        if (cause instanceof SSLException) {
            return mistake("the TLS handshake with Redis failed (" + firstLine(text(cause)) + "): check rediss://, the CA of the server's certificate (ssl_ca_certs) and, if the server checks clients, ssl_certfile and ssl_keyfile");
        }
        return null;
    }

    private static String text(Throwable cause) {
        return cause.getMessage() == null ? "" : cause.getMessage();
    }

    /** True when {@code error} came from a Redis client, whatever it says. */
    public static boolean fromRedis(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String name = cause.getClass().getName();
            if (name.startsWith("redis.clients.") || name.startsWith("org.redisson.")) {
                return true;
            }
        }
        return false;
    }

    private static Explanation mistake(String line) {
        return new Explanation(line, true);
    }

    private static Explanation outage(String line) {
        return new Explanation(line, false);
    }

    private static String hostOf(Throwable cause, String message) {
        if (cause instanceof UnknownHostException) {
            return firstLine(message);
        }
        int quote = message.indexOf('\'');
        int end = quote < 0 ? -1 : message.indexOf('\'', quote + 1);
        return end > quote ? message.substring(quote + 1, end) : firstLine(message);
    }

    private static String firstLine(String message) {
        String line = message.replaceAll("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "").strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }
}
