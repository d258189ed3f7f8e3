package io.celeriac.core.worker;

import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Delivery;
import java.util.List;

/** Builds the {@link Execution} of each delivery, and the outcomes a runner needs without one. */
final class Executions {
    private final ExecutionEnvironment env;
    private final OutcomeWriter writer;
    private final FailureDecision failures;

    Executions(ExecutionEnvironment env) {
        this.env = env;
        this.writer = new OutcomeWriter(env);
        this.failures = new FailureDecision(env, writer);
    }

    Execution of(Delivery delivery) {
        return new Execution(delivery, env, writer, failures);
    }

    /** The message goes back to the front of its queue (the worker is stopping). */
    Outcome requeued(Delivery delivery) {
        return writer.requeued(delivery, env.clock().instant());
    }

    /**
     * A dead letter built with as little as possible, for when the usual path itself failed; null
     * when not even that can be built (the message then stays in flight and comes back through
     * lease recovery).
     */
    Outcome lastResort(Delivery delivery, String reason) {
        try {
            return new Outcome.DeadLettered(List.of(new BrokerOp.DeadLetter(new DeadLetterEntry(reason, delivery.queue(),
                    null, null, env.clock().instant(), delivery.raw()))), true, reason, false, null, null);
        } catch (Throwable none) {
            return null;
        }
    }
}
