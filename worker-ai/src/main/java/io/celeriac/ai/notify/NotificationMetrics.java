package io.celeriac.ai.notify;

import io.celeriac.ai.model.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * {@code celeriac.ai.notifications} (channel: sms, email; outcome: sent, reconciled, retry,
 * outcome_unknown, failed, unknown): what became of each send. {@code outcome="unknown"} counts
 * channels given up without knowing whether the user got the message, the one an alert rule should
 * watch. Tags are bounded: no run, user or number.
 */
public final class NotificationMetrics {
    private final MeterRegistry registry;

    /** On Micrometer's global registry: a process whose /metrics registry joins it (Metrics.addRegistry) shows them. */
    public static NotificationMetrics global() {
        return new NotificationMetrics(Metrics.globalRegistry);
    }

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void outcome(Channel channel, String outcome) {
        Counter.builder("celeriac.ai.notifications").description("Notification sends by channel and outcome")
                .tags("channel", channel.dbName(), "outcome", outcome).register(registry).increment();
    }
}
