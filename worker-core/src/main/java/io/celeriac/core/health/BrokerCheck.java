package io.celeriac.core.health;

import io.celeriac.core.broker.Broker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Ready only while the broker answers a round trip within a second (a probe must not hang on a dead Redis). */
public final class BrokerCheck implements HealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final Broker broker;

    public BrokerCheck(Broker broker) {
        this.broker = broker;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String problem() {
        AtomicReference<String> problem = new AtomicReference<>("no answer within " + TIMEOUT.toMillis() + " ms");
        Thread ping = Thread.ofVirtual().start(() -> {
            try {
                broker.ping();
                problem.set(null);
            } catch (RuntimeException e) {
                problem.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
        try {
            ping.join(TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return problem.get();
    }
}
