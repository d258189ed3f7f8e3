package io.celeriac.ai;

/**
 * A send whose request went out and whose answer never came (a read timeout, a connection reset):
 * the provider may or may not have taken the message. It is never resent blindly: the channel
 * stays {@code sending} until a reconciliation with the provider says whether it was taken.
 */
public final class SendOutcomeUnknownException extends AiException {
    private final String provider;

    public SendOutcomeUnknownException(String provider, String message, Throwable cause) {
        super(provider + " outcome unknown: " + message, cause);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
