package io.celeriac.email.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.email.outbox.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
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

    private static final SmtpSettings SERVER = new SmtpSettings("smtp.example.org", 587, SmtpSettings.Security.STARTTLS, null, null,
            Duration.ofSeconds(30));

    @Test
    void only_a_reply_code_counts_as_the_servers_answer_to_the_end_of_data() {
        assertTrue(SmtpReplies.answered(new SMTPSendFailedException(".", 451, "451 4.3.0 try later", null, null, null, null)));
        assertFalse(SmtpReplies.answered(new SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null)), "the connection ended");
        assertFalse(SmtpReplies.answered(new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void what_is_known_of_an_unanswered_end_of_data_says_how_it_ended_and_where() {
        String suffix = ": the server may have accepted the message";
        assertEquals("no answer from smtp.example.org:587 to the end of DATA within 30s" + suffix,
                SmtpReplies.noAnswer(new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")), SERVER));
        assertEquals("the connection to smtp.example.org:587 was lost after the end of DATA (SocketException: Connection reset)" + suffix,
                SmtpReplies.noAnswer(new MessagingException("Exception reading response", new SocketException("Connection reset")), SERVER));
        assertEquals("smtp.example.org:587 closed the connection after the end of DATA without answering" + suffix,
                SmtpReplies.noAnswer(new SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null), SERVER));
    }
}
