package io.celeriac.email.smtp;

import io.celeriac.email.outbox.DeliveryException;
import io.celeriac.email.outbox.EmailRequest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Date;

/**
 * Builds the MIME message of an outbox request: text, or text and HTML alternatives. The
 * Message-ID is derived from the idempotency key, so every copy of one message carries the same
 * one (see {@link io.celeriac.email.outbox.OutboxSender} on the window where a copy can occur).
 */
final class MimeMessages {
    private final InternetAddress from;
    private final Clock clock;

    MimeMessages(String from, Clock clock) {
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("email.from is not an e-mail address: " + e.getMessage());
        }
        this.clock = clock;
    }

    MimeMessage build(Session session, EmailRequest request) throws DeliveryException {
        InternetAddress to;
        try {
            to = new InternetAddress(request.to(), true);
            to.validate();
        } catch (AddressException e) {
            throw DeliveryException.permanentFailure("invalid address: " + e.getMessage(), e);
        }
        try {
            MimeMessage message = new StableIdMessage(session, messageId(request.idempotencyKey()));
            message.setFrom(from);
            message.setRecipient(MimeMessage.RecipientType.TO, to);
            message.setSubject(request.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            if (request.html() == null || request.html().isBlank()) {
                message.setText(request.body(), "UTF-8");
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(request.body(), "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(request.html(), "UTF-8", "html");
                message.setContent(new MimeMultipart("alternative", text, html));
            }
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw DeliveryException.permanentFailure("cannot build the message: " + e.getMessage(), e);
        }
    }

    static String messageId(String idempotencyKey) {
        return EmailRequest.messageId(idempotencyKey);
    }

    /** A message whose Message-ID survives {@code saveChanges()}. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
