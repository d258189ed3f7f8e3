package io.celeriac.email.smtp;

import io.celeriac.email.outbox.DeliveryException;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.MailTransport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Properties;

/** Sends over SMTP with Angus Mail: one connection per message (the outbox sends little and rarely). */
public final class SmtpTransport implements MailTransport {
    private final SmtpSettings settings;
    private final Session session;
    private final MimeMessages messages;
    private final String protocol;

    public SmtpTransport(SmtpSettings settings, String from, Clock clock) {
        this(settings, from, clock, new Properties());
    }

    /**
     * With Jakarta Mail properties laid over ours. Package-private on purpose: tests use it to trust
     * an in-process server's self-signed certificate; production has no way to weaken TLS.
     */
    SmtpTransport(SmtpSettings settings, String from, Clock clock, Properties overrides) {
        this.settings = settings;
        this.protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
        Properties props = properties(settings, protocol);
        props.putAll(overrides);
        this.session = Session.getInstance(props);
        this.messages = new MimeMessages(from, clock);
    }

    /** The Jakarta Mail protocol name, {@code smtps} for implicit TLS: property names start with {@code mail.<protocol>.}. */
    String protocol() {
        return protocol;
    }

    private static Properties properties(SmtpSettings settings, String protocol) {
        String p = "mail." + protocol + ".";
        String timeout = String.valueOf(settings.timeout().toMillis());
        Properties props = new Properties();
        props.put(p + "host", settings.host());
        props.put(p + "port", String.valueOf(settings.port()));
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        props.put(p + "writetimeout", timeout);
        props.put(p + "auth", String.valueOf(settings.user() != null));
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            // required: a server that does not offer STARTTLS must not get the password in clear
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (settings.security() != SmtpSettings.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    @Override
    public void send(EmailRequest request) throws DeliveryException {
        MimeMessage message = messages.build(session, request);
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw SmtpReplies.classify(e);
        }
    }

    @Override
    public String kind() {
        return "smtp";
    }
}
