/**
 * The task modules' one HTTP layer (OkHttp stays here and in the modules' own {@code http}
 * adapters): {@link io.celeriac.http.HttpClients} for operator-configured providers,
 * {@link io.celeriac.http.GuardedHttp} for URLs a user or an LLM supplied (with
 * {@link io.celeriac.http.AddressPolicy}, checked where each connection is made),
 * {@link io.celeriac.http.CircuitBreakers} keyed fairly, one {@link io.celeriac.http.RetryAfter}
 * and one {@link io.celeriac.http.ProviderUnavailableException}.
 */
package io.celeriac.http;
