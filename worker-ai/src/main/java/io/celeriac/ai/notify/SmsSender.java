package io.celeriac.ai.notify;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Sends one SMS, and finds one the provider took when a send's outcome was unknown.
 * {@link #send} throws {@link io.celeriac.http.ProviderUnavailableException} when the provider did not
 * take the message (busy, down, never reached; with the wait before trying again), {@link io.celeriac.ai.ProviderRejectedException}
 * when it refuses it, and {@link io.celeriac.ai.SendOutcomeUnknownException} when the request went
 * out and no answer came back.
 */
public interface SmsSender {

    /** @return the provider's reference for the message */
    String send(String to, String body, String idempotencyKey);

    /**
     * The provider's reference of a message to {@code to} with {@code body} created at or after
     * {@code since}, and not one of {@code known}; empty when the provider has none. Throws
     * {@link io.celeriac.http.ProviderUnavailableException} when the provider cannot be asked.
     */
    Optional<String> findSent(String to, String body, Instant since, Predicate<String> known);

    /** For status output: {@code twilio} or {@code log}. */
    String name();
}
