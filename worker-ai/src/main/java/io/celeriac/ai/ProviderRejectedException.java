package io.celeriac.ai;

/** A provider refused the request (4xx other than 429): retrying cannot help, the run fails with its message. */
public final class ProviderRejectedException extends AiException {
    private final String provider;
    private final int status;

    public ProviderRejectedException(String provider, int status, String providerMessage) {
        super(provider + " rejected the request (HTTP " + status + "): " + providerMessage);
        this.provider = provider;
        this.status = status;
    }

    public String provider() {
        return provider;
    }

    public int status() {
        return status;
    }
}
