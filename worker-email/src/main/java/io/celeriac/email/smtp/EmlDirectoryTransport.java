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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each message as an RFC 822 {@code .eml} file into a directory: the default when no SMTP
 * server is configured, so the flow is visible out of the box (open the files with any mail client).
 * A file appears complete or not at all (written under a temporary name, then renamed). Mail is
 * private: files are 0600, the directory 0700 (created so; an existing looser one is tightened once,
 * with a warning).
 */
public final class EmlDirectoryTransport implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(EmlDirectoryTransport.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Session session = Session.getInstance(new Properties());
    private final MimeMessages messages;
    private final Clock clock;
    private volatile boolean directoryChecked;

    public EmlDirectoryTransport(Path directory, String from, Clock clock) {
        this.directory = directory;
        this.messages = new MimeMessages(from, clock);
        this.clock = clock;
    }

    @Override
    public void send(EmailRequest request, Runnable commitPoint) throws DeliveryException {
        MimeMessage message = messages.build(session, request);
        String id = MimeMessages.messageId(request.idempotencyKey());
        String name = STAMP.format(clock.instant()) + "-" + id.substring(1, id.indexOf('@')) + ".eml";
        try {
            privateDirectory();
            Path temp = Files.createTempFile(directory, ".sending-", ".tmp", PosixFilePermissions.asFileAttribute(FILE));
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    message.writeTo(out);
                }
                commitPoint.run();
                Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp); // gone after the move; otherwise no unsent copy of the mail stays behind
            }
        } catch (IOException e) {
            throw DeliveryException.transientFailure("cannot write " + name + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw DeliveryException.permanentFailure("cannot write the message: " + e.getMessage(), e);
        }
    }

    /** The directory, 0700: created so, or tightened (once per process) when it exists with looser modes. */
    private void privateDirectory() throws IOException {
        if (directoryChecked) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, DIRECTORY);
        } else {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
            if (!current.equals(DIRECTORY)) {
                Files.setPosixFilePermissions(directory, DIRECTORY);
                log.atWarn().addKeyValue("directory", directory).addKeyValue("was", PosixFilePermissions.toString(current))
                        .addKeyValue("now", "rwx------").log("e-mail outbox directory was open to other users; tightened");
            }
        }
        directoryChecked = true;
    }

    @Override
    public String kind() {
        return "eml";
    }

    public Path directory() {
        return directory;
    }
}
