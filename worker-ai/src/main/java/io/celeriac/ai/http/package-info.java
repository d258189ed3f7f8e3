/**
 * HTTP adapters on provider-http ({@code io.celeriac.http}; OkHttp stays here): the
 * OpenAI-compatible chat model, Twilio's SMS API, and the circuit-broken call that maps provider
 * answers to retry, refusal or an unknown outcome. Every endpoint here is one an operator
 * configured; a URL a user or the model names would go through provider-http's {@code GuardedHttp}.
 */
package io.celeriac.ai.http;
