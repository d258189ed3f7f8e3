package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker;
import java.util.List;

/**
 * Several watches as one, for a consumer whose queues live on several cluster nodes: armed
 * together, live only while every one is (else the consumer polls), closed together. No watches
 * at all is a watch that is never live.
 */
final class ClusterWatches implements Broker.Watch {
    private final List<Broker.Watch> watches;

    ClusterWatches(List<Broker.Watch> watches) {
        this.watches = List.copyOf(watches);
    }

    @Override
    public boolean arm() {
        boolean waiting = false;
        for (Broker.Watch watch : watches) {
            // every one armed, even after one found messages: the next change anywhere must wake the consumer
            waiting |= watch.arm();
        }
        return waiting;
    }

    @Override
    public boolean live() {
        return !watches.isEmpty() && watches.stream().allMatch(Broker.Watch::live);
    }

    @Override
    public boolean check() {
        return !watches.isEmpty() && watches.stream().allMatch(Broker.Watch::check);
    }

    @Override
    public void close() {
        watches.forEach(Broker.Watch::close);
    }
}
