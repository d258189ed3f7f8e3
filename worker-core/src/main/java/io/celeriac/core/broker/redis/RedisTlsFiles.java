package io.celeriac.core.broker.redis;

import java.nio.file.Path;

/**
 * What a {@code rediss://} URL says about TLS, in kombu's words: {@code ssl_ca_certs} (the CA that
 * signed the server's certificate; else the JDK's trusted CAs), {@code ssl_certfile} and
 * {@code ssl_keyfile} (a client certificate, for a Redis with {@code tls-auth-clients yes}) and
 * {@code ssl_cert_reqs}.
 *
 * @param caCerts  PEM file of the CA(s) to trust, or null
 * @param certFile PEM file of the client's certificate (chain), or null
 * @param keyFile  PEM file of the client's private key (PKCS#8, as OpenSSL 3 writes it), or null
 * @param verify   whether the server's certificate is checked ({@code ssl_cert_reqs})
 */
public record RedisTlsFiles(Path caCerts, Path certFile, Path keyFile, Verify verify) {
    public static final RedisTlsFiles DEFAULT = new RedisTlsFiles(null, null, null, Verify.REQUIRED);

    /**
     * Python's {@code ssl_cert_reqs}. On a client, CERT_OPTIONAL checks a certificate the server
     * sends, and a TLS server always sends one: it verifies as REQUIRED does. NONE trusts any
     * server, as redis-py does; the host name is then not checked either.
     */
    public enum Verify {
        REQUIRED, OPTIONAL, NONE;

        static Verify parse(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "required", "cert_required" -> REQUIRED;
                case "optional", "cert_optional" -> OPTIONAL;
                case "none", "cert_none" -> NONE;
                default -> throw new IllegalArgumentException("broker URL ssl_cert_reqs=" + value
                        + " is not one of required, optional, none");
            };
        }
    }

    public RedisTlsFiles {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("broker URL ssl_certfile and ssl_keyfile go together: name both or neither");
        }
    }

    boolean verifiesServer() {
        return verify != Verify.NONE;
    }

    boolean isDefault() {
        return equals(DEFAULT);
    }
}
