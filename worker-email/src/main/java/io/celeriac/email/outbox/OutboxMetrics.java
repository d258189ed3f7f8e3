package io.celeriac.email.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * {@code celeriac.email.sends} (outcome: sent, retry, failed, unknown): what became of each send
 * attempt. {@code outcome="unknown"} counts messages the server may or may not have accepted,
 * waiting for an operator's decision: the one to alert on. Tags are bounded: no id, key or address.
 */
public final class OutboxMetrics {
    private final MeterRegistry registry;

    /** On Micrometer's global registry: a process whose /metrics registry joins it (Metrics.addRegistry) shows them. */
    public static OutboxMetrics global() {
        return new OutboxMetrics(Metrics.globalRegistry);
    }

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void outcome(String outcome) {
        Counter.builder("celeriac.email.sends").description("E-mail send attempts by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
