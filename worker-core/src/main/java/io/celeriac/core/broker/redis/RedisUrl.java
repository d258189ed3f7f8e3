package io.celeriac.core.broker.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A broker URL: {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://} for TLS,
 * the form Celery and redis-py accept. A TLS URL may name the CA that signed the server's
 * certificate as kombu does, {@code ?ssl_ca_certs=/path/ca.pem} (else the JDK's trusted CAs); the
 * certificate and its host name are always verified.
 *
 * @param caCerts PEM file of the CA(s) to trust for {@code rediss://}, or null
 */
public record RedisUrl(boolean tls, String host, int port, int database, String username, String password,
                       Path caCerts) {

    public RedisUrl(boolean tls, String host, int port, int database, String username, String password) {
        this(tls, host, port, database, username, password, null);
    }

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
        boolean tls = "rediss".equals(scheme);
        return new RedisUrl(tls, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
                database, username, password, caCerts(uri.getRawQuery(), tls));
    }

    /** kombu's TLS parameters; verification cannot be turned off, and anything else is a mistake. */
    private static Path caCerts(String query, boolean tls) {
        Path caCerts = null;
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (name) {
                case "ssl_ca_certs" -> caCerts = Path.of(value);
                case "ssl_cert_reqs" -> {
                    if (!value.equalsIgnoreCase("required") && !value.equalsIgnoreCase("CERT_REQUIRED")) {
                        throw new IllegalArgumentException("broker URL ssl_cert_reqs=" + value + " is not supported: "
                                + "the server's certificate is always verified (name its CA with ssl_ca_certs)");
                    }
                }
                default -> throw new IllegalArgumentException("broker URL parameter '" + name
                        + "' is not supported (supported: ssl_ca_certs, ssl_cert_reqs=required)");
            }
        }
        if (caCerts != null && !tls) {
            throw new IllegalArgumentException("broker URL ssl_ca_certs needs a rediss:// URL");
        }
        return caCerts;
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
