package io.celeriac.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A database URL as operators write it: {@code postgresql://user:password@host:port/db} (also
 * {@code postgres://}), or a {@code jdbc:postgresql:} URL passed through as it is.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String url) {
        String text = url == null ? "" : url.strip();
        if (text.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(text, null, null);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database URL '" + redact(text) + "' is not a URL: " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("database URL must start with postgresql:// or jdbc:postgresql:, got '" + redact(text) + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("database URL '" + redact(text) + "' names no host");
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/" + database + query;
        return new DatabaseUrl(jdbc, user, password);
    }

    /** For logs: no password. */
    public String redacted() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***") + (username == null ? "" : " as " + username);
    }

    private static String redact(String url) {
        return url.replaceAll("//([^@/]*)@", "//***@");
    }
}
