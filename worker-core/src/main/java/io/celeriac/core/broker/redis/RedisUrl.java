package io.celeriac.core.broker.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A broker URL: {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://} for TLS,
 * the form Celery and redis-py accept.
 */
public record RedisUrl(boolean tls, String host, int port, int database, String username, String password) {

    public static RedisUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + redact(url) + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("broker URL must start with redis:// or rediss://, got '" + redact(url) + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL '" + redact(url) + "' names no host");
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("broker URL database must be a number, got '" + path.substring(1) + "'");
            }
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = decode(userInfo);
            } else {
                username = colon == 0 ? null : decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            }
        }
        return new RedisUrl("rediss".equals(scheme), uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
                database, username, password);
    }

    /** The address Redisson connects to (no credentials, no database). */
    public String address() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port;
    }

    /** For logs and {@code --print-config}: the password replaced by stars. */
    public String redacted() {
        String auth = password == null ? "" : (username == null ? "" : username) + ":***@";
        return (tls ? "rediss://" : "redis://") + auth + host + ":" + port + "/" + database;
    }

    static String redact(String url) {
        return url == null ? "" : url.replaceAll("//([^@/]*)@", "//***@");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
