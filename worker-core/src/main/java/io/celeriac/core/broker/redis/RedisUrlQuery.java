package io.celeriac.core.broker.redis;

import java.nio.file.Path;

/** The query parameters of a broker URL: kombu's TLS ones, and nothing else (a typo must not pass unseen). */
final class RedisUrlQuery {
    private RedisUrlQuery() {
    }

    static RedisTlsFiles tls(String query, boolean tls) {
        if (query == null || query.isEmpty()) {
            return RedisTlsFiles.DEFAULT;
        }
        Path caCerts = null;
        Path certFile = null;
        Path keyFile = null;
        RedisTlsFiles.Verify verify = RedisTlsFiles.Verify.REQUIRED;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = RedisUrl.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : RedisUrl.decode(pair.substring(eq + 1));
            switch (name) {
                case "ssl_ca_certs" -> caCerts = Path.of(value);
                case "ssl_certfile" -> certFile = Path.of(value);
                case "ssl_keyfile" -> keyFile = Path.of(value);
                case "ssl_cert_reqs" -> verify = RedisTlsFiles.Verify.parse(value);
                default -> throw unsupported(name);
            }
        }
        if (!tls) {
            throw new IllegalArgumentException("broker URL ssl_* parameters need a rediss:// URL");
        }
        return new RedisTlsFiles(caCerts, certFile, keyFile, verify);
    }

    /** A sentinel URL takes no parameters: the master's name and the sentinels' password come from options. */
    static void none(String query) {
        if (query != null && !query.isEmpty()) {
            int eq = query.indexOf('=');
            throw unsupported(RedisUrl.decode(eq < 0 ? query : query.substring(0, eq)));
        }
    }

    private static IllegalArgumentException unsupported(String name) {
        return new IllegalArgumentException("broker URL parameter '" + name
                + "' is not supported (supported on rediss://: ssl_ca_certs, ssl_certfile, ssl_keyfile, ssl_cert_reqs)");
    }
}
