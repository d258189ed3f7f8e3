package io.celeriac.core.broker;

/** One write of a completion batch; a batch is applied atomically (see complete.lua). */
public sealed interface BrokerOp {

    /** Remove a delivery from its in-flight list. */
    record Ack(Delivery delivery) implements BrokerOp {
    }

    /** Store and publish a result; {@code ttlSeconds} 0 keeps it forever. */
    record StoreResult(String taskId, String json, long ttlSeconds) implements BrokerOp {
    }

    /** Hold a message in the delayed set until {@code dueMillis}, then put it on {@code targetList}. */
    record Delay(String targetList, String envelope, long dueMillis) implements BrokerOp {
    }

    /** Enqueue at the back of a list. */
    record Push(String list, String value) implements BrokerOp {
    }

    /** Put back at the front of a queue list: popped next. */
    record PushFront(String list, String value) implements BrokerOp {
    }

    /** A dead-letter entry (JSON, see DeadLetter). */
    record DeadLetter(String entryJson) implements BrokerOp {
    }
}
