package io.celeriac.email.smtp;

import io.celeriac.email.outbox.DeliveryException;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.MailTransport;
import io.celeriac.email.outbox.SendOutcomeUnknownException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Properties;

/**
 * Sends over SMTP with Angus Mail: one connection per message (the outbox sends little and rarely).
 * The server's answer to the end of DATA decides: 250 sent, 4xx transient, 5xx permanent. No answer
 * there (the connection lost, or the answer later than {@code smtp.timeout}) is
 * {@link SendOutcomeUnknownException}: the server may have accepted the message. Before the end of
 * DATA, a lost connection is transient: the server discards an incomplete message.
 */
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
        // once the answer to the message is in, QUIT's own answer changes nothing: do not wait for it
        props.put(p + "quitwait", "false");
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
    public void send(EmailRequest request, Runnable commitPoint) throws DeliveryException, SendOutcomeUnknownException {
        MimeMessage message = messages.build(session, request);
        CommitPointTransport transport = new CommitPointTransport(session, protocol, commitPoint);
        try {
            transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            if (transport.committed() && !SmtpReplies.answered(e)) {
                throw new SendOutcomeUnknownException(SmtpReplies.noAnswer(e, settings), e);
            }
            throw SmtpReplies.classify(e);
        } finally {
            closeQuietly(transport);
        }
    }

    /**
     * Ends the connection. Quietly: once the server answered the message, a failed QUIT changes
     * nothing (throwing here would have a sent message retried); and after a commit point that
     * threw, closing mid-DATA is what makes the server discard the incomplete message.
     */
    private static void closeQuietly(CommitPointTransport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is going away either way
        }
    }

    @Override
    public String kind() {
        return "smtp";
    }
}
