/**
 * Celery protocol v2 with the JSON serializer: the kombu envelope, task headers, the
 * {@code [args, kwargs, embed]} body, and the result backend's meta JSON. Everything here is pure:
 * no I/O, no clock reads.
 */
package io.celeriac.core.message;
