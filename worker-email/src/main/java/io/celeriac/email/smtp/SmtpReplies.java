package io.celeriac.email.smtp;

import io.celeriac.email.outbox.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sorts what Jakarta Mail threw into transient and permanent failures. The server's code decides
 * where there is one (4xx transient, 5xx permanent); connection and timeout errors are transient.
 * A rejected login follows its code too: {@code 535} (bad credentials) is permanent, so a wrong
 * password fails the message with the reply recorded instead of retrying for hours; {@code 454}
 * (temporary authentication failure) or a reply without a code is transient. After fixing the
 * password, failed mail is resent by setting it back to pending (see the module README).
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
            String reply = "authentication failed: " + String.valueOf(error.getMessage()).strip();
            return leadingCode(error.getMessage()) >= 500
                    ? DeliveryException.permanentFailure(reply, error) : DeliveryException.transientFailure(reply, error);
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

    /** The 3-digit code a reply starts with, or 0. */
    static int leadingCode(String reply) {
        String text = reply == null ? "" : reply.strip();
        return text.length() >= 3 && text.substring(0, 3).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(text.substring(0, 3)) : 0;
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
