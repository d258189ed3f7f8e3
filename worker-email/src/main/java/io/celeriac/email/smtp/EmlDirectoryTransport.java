package io.celeriac.email.smtp;

import io.celeriac.email.outbox.DeliveryException;
import io.celeriac.email.outbox.EmailRequest;
import io.celeriac.email.outbox.MailTransport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * Writes each message as an RFC 822 {@code .eml} file into a directory: the default when no SMTP
 * server is configured, so the flow is visible out of the box (open the files with any mail client).
 * A file appears complete or not at all (written under a temporary name, then renamed).
 */
public final class EmlDirectoryTransport implements MailTransport {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Session session = Session.getInstance(new Properties());
    private final MimeMessages messages;
    private final Clock clock;

    public EmlDirectoryTransport(Path directory, String from, Clock clock) {
        this.directory = directory;
        this.messages = new MimeMessages(from, clock);
        this.clock = clock;
    }

    @Override
    public void send(EmailRequest request) throws DeliveryException {
        MimeMessage message = messages.build(session, request);
        String id = MimeMessages.messageId(request.idempotencyKey());
        String name = STAMP.format(clock.instant()) + "-" + id.substring(1, id.indexOf('@')) + ".eml";
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".sending-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                message.writeTo(out);
            }
            Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw DeliveryException.transientFailure("cannot write " + name + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw DeliveryException.permanentFailure("cannot write the message: " + e.getMessage(), e);
        }
    }

    @Override
    public String kind() {
        return "eml";
    }

    public Path directory() {
        return directory;
    }
}
