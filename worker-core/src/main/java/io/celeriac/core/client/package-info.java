/** Sending tasks and reading their results: the Java equivalent of {@code send_task} and {@code AsyncResult}. */
package io.celeriac.core.client;
