/**
 * Celeriac's engine: a Celery-compatible task queue on Redis. Subpackages: {@code message} (the wire
 * codec), {@code task} (definitions and the registry), {@code routing}, {@code broker} (queues, fetch,
 * delayed set), {@code result} (the result backend), {@code retry}, {@code worker} (the worker
 * process and its loops), {@code client} (sending), {@code config} and {@code cli}.
 */
package io.celeriac.core;
