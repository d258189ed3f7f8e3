/**
 * HTTP adapters (OkHttp and resilience4j stay here): the OpenAI-compatible chat model, Twilio's SMS
 * API, and the circuit-broken call that maps provider answers to retry or failure.
 */
package io.celeriac.ai.http;
