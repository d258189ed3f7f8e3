package io.celeriac.email.smtp;

import io.celeriac.core.config.Durations;
import io.celeriac.email.outbox.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
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

    /** Whether the server answered with a code (the failure is its word, not a lost connection). */
    static boolean answered(MessagingException error) {
        for (Exception e = error; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * What is known of a send that reached the end of DATA and got no answer, for the outbox row and
     * the operator: how it ended, where, and that the server may have the message.
     */
    static String noAnswer(MessagingException error, SmtpSettings settings) {
        String server = settings.host() + ":" + settings.port();
        String what;
        if (hasCause(error, SocketTimeoutException.class)) {
            what = "no answer from " + server + " to the end of DATA within " + Durations.format(settings.timeout());
        } else if (hasCause(error, IOException.class)) {
            what = "the connection to " + server + " was lost after the end of DATA (" + rootMessage(error) + ")";
        } else {
            what = server + " closed the connection after the end of DATA without answering";
        }
        return what + ": the server may have accepted the message";
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
