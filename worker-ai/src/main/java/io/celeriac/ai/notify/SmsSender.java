package io.celeriac.ai.notify;

/**
 * Sends one SMS. Throws {@link io.celeriac.ai.ProviderUnavailableException} when the provider is
 * busy or down and {@link io.celeriac.ai.ProviderRejectedException} when it refuses the message.
 */
public interface SmsSender {

    /** @return the provider's reference for the message */
    String send(String to, String body, String idempotencyKey);

    /** For status output: {@code twilio} or {@code log}. */
    String name();
}
