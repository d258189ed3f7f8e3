package io.celeriac.core.health;

import io.celeriac.core.broker.Broker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ready only while Redis answers a PING within a second (on the broker's own connections). */
public final class RedisCheck implements HealthCheck {
    private final Broker broker;

    public RedisCheck(Broker broker) {
        this.broker = broker;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String problem() {
        // the ping runs on its own virtual thread so a probe never waits out the client's 5 s socket timeout
        CompletableFuture<Void> ping = CompletableFuture.runAsync(broker::ping, Thread::startVirtualThread);
        try {
            ping.get(1, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no PONG within 1 s";
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
