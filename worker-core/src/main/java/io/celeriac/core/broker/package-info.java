/**
 * Queues on Redis in kombu's layout, reliable fetch into per-worker in-flight lists, the delayed
 * set, dead letters and worker records. Redisson stays inside {@code broker.redis}.
 */
package io.celeriac.core.broker;
