package io.celeriac.email.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport, told where a message is committed: just before the final
 * {@code .} of DATA (or the last BDAT chunk) it runs the send's commit point, then remembers that
 * it passed it. From there on the server may hold the message, so a failure without the server's
 * answer is an unknown outcome, not a failure to retry. A commit point that throws stops the send
 * before the end: the server never sees a complete message.
 */
final class CommitPointTransport extends SMTPTransport {
    private final Runnable commitPoint;
    private volatile boolean committed;

    /** @param protocol {@code smtp} or {@code smtps} (implicit TLS): Jakarta Mail properties are read under {@code mail.<protocol>.} */
    CommitPointTransport(Session session, String protocol, Runnable commitPoint) {
        super(session, new URLName(protocol, null, -1, null, null, null), protocol, "smtps".equals(protocol));
        this.commitPoint = commitPoint;
    }

    /** Whether the end of DATA was reached: the server may have the message. */
    boolean committed() {
        return committed;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        reachCommitPoint();
        super.finishData();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        reachCommitPoint();
        super.finishBdat();
    }

    private void reachCommitPoint() {
        commitPoint.run();
        committed = true;
    }
}
