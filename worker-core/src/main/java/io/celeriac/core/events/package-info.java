/**
 * Celery's event stream, sent and received: what Flower, {@code celery events} and exporters read.
 *
 * <p>{@link io.celeriac.core.events.EventPublisher} buffers events off the hot path and publishes
 * them pipelined on the {@code celeryev} fanout exchange (kombu's pub/sub channels on Redis):
 * worker-online/heartbeat/offline always (as a Python worker does), task events with
 * {@code -E}/{@code enable_events}. {@link io.celeriac.core.events.TaskSentEvents} is the sending
 * side's {@code task-sent} ({@code task_send_sent_event}), published right after each task.
 * {@link io.celeriac.core.events.EventReceiver} is the other end.
 */
package io.celeriac.core.events;
