package io.celeriac.email.smtp;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.celeriac.core.app.Application;
import io.celeriac.core.retry.Backoff;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.email.db.OutboxStore;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.OutboxMessage;
import io.celeriac.email.outbox.OutboxPolicy;
import io.celeriac.email.outbox.OutboxSender;
import io.celeriac.email.outbox.OutboxStatus;
import io.celeriac.email.outbox.SendOutcome;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMTP login and implicit TLS (SMTPS) against GreenMail with authentication required. The client
 * trusts GreenMail's self-signed test certificate, and only here, through the package-private
 * property overrides of {@link SmtpTransport}.
 */
class SmtpAuthTlsIT {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final OutboxPolicy POLICY = new OutboxPolicy(Duration.ofMinutes(10), 3,
            Backoff.exponential(Duration.ofMinutes(1), Duration.ofHours(1), false));

    private final ManualClock clock = new ManualClock(T0);
    private Application app;
    private OutboxStore store;
    private GreenMail greenMail;

    @BeforeEach
    void setUp() {
        app = TestDatabase.app(clock, null);
        store = new OutboxStore(Database.of(app).jdbi());
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)}));
        greenMail.start();
        greenMail.getUserManager().setAuthRequired(true);
        greenMail.setUser("assistant@example.org", "assistant", "correct horse");
    }

    @AfterEach
    void tearDown() {
        greenMail.stop();
        app.close();
    }

    private OutboxSender sender(SmtpTransport transport) {
        return new OutboxSender(store, transport, POLICY, clock, new SplittableRandom(7));
    }

    private SmtpTransport smtps(String password, boolean trustTestCertificate) throws Exception {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", greenMail.getSmtps().getPort(), SmtpSettings.Security.TLS,
                "assistant", password, Duration.ofSeconds(5));
        Properties overrides = new Properties();
        if (trustTestCertificate) {
            overrides.put("mail.smtps.ssl.socketFactory", greenMailTrustingFactory());
            // the dummy certificate names no host, so it cannot match 127.0.0.1
            overrides.put("mail.smtps.ssl.checkserveridentity", "false");
        }
        return new SmtpTransport(settings, "assistant@example.org", clock, overrides);
    }

    /** Trusts exactly GreenMail's bundled certificate, not any certificate. */
    private static SSLSocketFactory greenMailTrustingFactory() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            keyStore.load(in, password);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("greenmail", keyStore.getCertificate("greenmail"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static EmailRequest request(String key) {
        return new EmailRequest("ada@example.org", "Subject " + key, "Body", null, key);
    }

    @Test
    void a_message_is_delivered_over_implicit_tls_after_logging_in() throws Exception {
        SendOutcome outcome = sender(smtps("correct horse", true)).submit(request("tls-1"));

        assertInstanceOf(SendOutcome.Sent.class, outcome);
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals("Subject tls-1", greenMail.getReceivedMessages()[0].getSubject());
        assertEquals(OutboxStatus.SENT, store.findByKey("tls-1").orElseThrow().status());
    }

    @Test
    void a_message_is_delivered_after_logging_in_without_tls() {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSettings.Security.NONE,
                "assistant", "correct horse", Duration.ofSeconds(5));

        SendOutcome outcome = sender(new SmtpTransport(settings, "assistant@example.org", clock)).submit(request("auth-1"));

        assertInstanceOf(SendOutcome.Sent.class, outcome);
        assertEquals(1, greenMail.getReceivedMessages().length);
    }

    @Test
    void a_wrong_password_fails_the_message_permanently_with_the_servers_reply_recorded() throws Exception {
        SendOutcome outcome = sender(smtps("wrong", true)).submit(request("badpass-1"));

        assertInstanceOf(SendOutcome.Failed.class, outcome);
        OutboxMessage row = store.findByKey("badpass-1").orElseThrow();
        assertEquals(OutboxStatus.FAILED, row.status());
        assertEquals(1, row.attempts());
        assertTrue(row.lastError().startsWith("authentication failed: 535"), row.lastError());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void an_untrusted_certificate_is_a_transient_connection_error_and_nothing_is_sent() throws Exception {
        SendOutcome outcome = sender(smtps("correct horse", false)).submit(request("untrusted-1"));

        assertInstanceOf(SendOutcome.RetryLater.class, outcome);
        OutboxMessage row = store.findByKey("untrusted-1").orElseThrow();
        assertEquals(OutboxStatus.PENDING, row.status());
        assertTrue(row.lastError().startsWith("connection error"), row.lastError());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }
}
