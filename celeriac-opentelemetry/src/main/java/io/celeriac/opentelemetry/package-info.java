/**
 * OpenTelemetry tracing for Celeriac: W3C trace context carried in Celery message headers (the
 * keys OpenTelemetry's Python Celery instrumentation uses, so traces cross between Python and
 * Java), send and process spans with the messaging conventions. Put this module on the class path
 * beside {@code opentelemetry-api}; without the API it does nothing.
 */
package io.celeriac.opentelemetry;
