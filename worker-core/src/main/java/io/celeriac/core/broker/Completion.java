package io.celeriac.core.broker;

import java.util.List;

/**
 * The writes that end one delivery, applied together.
 *
 * @param delivery the delivery they end
 * @param fenced   apply only while the delivery is still in flight, and take it out of flight (the
 *                 normal case); false when it already left flight (an early ack)
 * @param ops      what to write
 */
public record Completion(Delivery delivery, boolean fenced, List<BrokerOp> ops) {
    public Completion {
        ops = List.copyOf(ops);
    }

    /** The usual completion: fenced by possession. */
    public static Completion of(Delivery delivery, List<BrokerOp> ops) {
        return new Completion(delivery, true, ops);
    }
}
