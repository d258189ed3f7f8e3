package io.celeriac.email.outbox;

/** Delivers one message: over SMTP, or into a directory of {@code .eml} files. */
public interface MailTransport {

    /**
     * Sends {@code request}; returns normally once the server accepted it.
     *
     * @param commitPoint run once, just before the message is committed (SMTP: before the final
     *                    {@code .} of DATA, after which the server may hold it; files: before the
     *                    rename that makes the file appear). If it throws, nothing is committed and
     *                    its exception propagates
     * @throws DeliveryException            the server said no (transient or permanent), or the send
     *                                      failed before the commit point
     * @throws SendOutcomeUnknownException  past the commit point, no answer came
     */
    void send(EmailRequest request, Runnable commitPoint) throws DeliveryException, SendOutcomeUnknownException;

    /** For logs and the module README: {@code smtp} or {@code eml}. */
    String kind();
}
