/** Wiring: builds the Redis client, broker, result backend and task sender from the configuration. */
package io.celeriac.core.app;
