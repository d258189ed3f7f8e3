package io.celeriac.email.outbox;

/** Delivers one message: over SMTP, or into a directory of {@code .eml} files. */
public interface MailTransport {

    /**
     * Sends {@code request}; returns normally once the server accepted it.
     *
     * @throws DeliveryException transient (worth retrying) or permanent (never will work)
     */
    void send(EmailRequest request) throws DeliveryException;

    /** For logs and the module README: {@code smtp} or {@code eml}. */
    String kind();
}
