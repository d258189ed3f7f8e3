package io.celeriac.email.smtp;

import io.celeriac.email.outbox.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sorts what Jakarta Mail threw into transient and permanent failures. The server's code decides
 * where there is one (4xx transient, 5xx permanent); connection and timeout errors are transient;
 * a rejected login is transient too, because fixing the configuration makes the same message go
 * through and failing it would lose mail over an operator's typo.
 */
final class SmtpReplies {
    private SmtpReplies() {
    }

    static DeliveryException classify(MessagingException error) {
        for (Exception e = error; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPAddressFailedException rcpt) {
                return byCode(rcpt.getReturnCode(), rcpt.getMessage(), error);
            }
            if (e instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return byCode(send.getReturnCode(), send.getMessage(), error);
            }
        }
        if (error instanceof AuthenticationFailedException) {
            return DeliveryException.transientFailure("authentication failed: " + error.getMessage(), error);
        }
        if (hasCause(error, IOException.class)) {
            return DeliveryException.transientFailure("connection error: " + rootMessage(error), error);
        }
        return DeliveryException.transientFailure(String.valueOf(error.getMessage()).strip(), error);
    }

    private static DeliveryException byCode(int code, String reply, MessagingException error) {
        String text = reply == null ? String.valueOf(code) : reply.strip();
        return code >= 500 ? DeliveryException.permanentFailure(text, error) : DeliveryException.transientFailure(text, error);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t instanceof MessagingException m && m.getNextException() != null && type.isInstance(m.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
