package io.celeriac.email.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.email.outbox.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import org.junit.jupiter.api.Test;

class SmtpRepliesTest {

    @Test
    void a_login_rejected_with_535_is_permanent() {
        DeliveryException e = SmtpReplies.classify(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid\n"));

        assertTrue(e.permanent());
        assertEquals("authentication failed: 535 5.7.8 Authentication credentials invalid", e.reply());
    }

    @Test
    void a_temporary_authentication_failure_or_one_without_a_code_is_transient() {
        assertFalse(SmtpReplies.classify(new AuthenticationFailedException("454 4.7.0 Temporary authentication failure")).permanent());
        assertFalse(SmtpReplies.classify(new AuthenticationFailedException("failed to connect, no password specified?")).permanent());
        assertFalse(SmtpReplies.classify(new AuthenticationFailedException(null)).permanent());
    }
}
