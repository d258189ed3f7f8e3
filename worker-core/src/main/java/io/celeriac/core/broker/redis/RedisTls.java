package io.celeriac.core.broker.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for a {@code rediss://} broker from kombu's PEM files: the CA that signed the server's
 * certificate ({@code ssl_ca_certs}) and a client certificate and key ({@code ssl_certfile},
 * {@code ssl_keyfile}) for a Redis that checks its clients.
 */
public final class RedisTls {
    private static final char[] NO_PASSWORD = new char[0];

    private RedisTls() {
    }

    /** Trust managers that accept exactly the certificates in {@code caFile} (PEM, one or more). */
    public static TrustManagerFactory trustManagers(Path caFile) {
        Collection<? extends Certificate> certificates = certificates(caFile, "ssl_ca_certs");
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("broker URL ssl_ca_certs " + caFile + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Key managers that present the certificate of {@code certFile} with the key of {@code keyFile}. */
    public static KeyManagerFactory keyManagers(Path certFile, Path keyFile) {
        Certificate[] chain = certificates(certFile, "ssl_certfile").toArray(Certificate[]::new);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, NO_PASSWORD, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("broker URL ssl_certfile " + certFile + " does not go with ssl_keyfile "
                    + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's TLS with the URL's trust and client certificate. */
    static SSLContext context(RedisTlsFiles files) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = !files.verifiesServer() ? new TrustManager[] {new TrustingAnyServer()}
                    : files.caCerts() != null ? trustManagers(files.caCerts()).getTrustManagers() : null;
            context.init(files.certFile() == null ? null : keyManagers(files.certFile(), files.keyFile()).getKeyManagers(),
                    trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    /** Verify that the certificate names the host connected to, as HTTPS does (unless ssl_cert_reqs=none). */
    static SSLParameters parameters(RedisTlsFiles files) {
        SSLParameters parameters = new SSLParameters();
        if (files.verifiesServer()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return parameters;
    }

    private static Collection<? extends Certificate> certificates(Path file, String parameter) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("broker URL " + parameter + " " + file + " holds no certificate");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("broker URL " + parameter + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("broker URL " + parameter + " " + file + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("broker URL " + parameter + " " + file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("broker URL ssl_keyfile " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("broker URL ssl_keyfile " + file + " cannot be read: " + e.getMessage(), e);
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("broker URL ssl_keyfile " + file + " is not an unencrypted PKCS#8 PEM key "
                    + "(BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("broker URL ssl_keyfile " + file + " holds no RSA, EC or Ed25519 key");
    }

    /** ssl_cert_reqs=none: what the user asked for, as redis-py does it. */
    private static final class TrustingAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
