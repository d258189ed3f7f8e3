package io.celeriac.core.broker;

import java.nio.charset.StandardCharsets;

/** One write of a completion batch; a batch is applied atomically (one Redis transaction). */
public sealed interface BrokerOp {

    /** Remove a delivery from its in-flight list. */
    record Ack(Delivery delivery) implements BrokerOp {
    }

    /**
     * Store and publish a result; {@code ttlSeconds} 0 keeps it forever. Any state but SUCCESS is
     * dropped when a SUCCESS is already stored (a redelivered task never undoes its success).
     */
    record StoreResult(String taskId, byte[] json, long ttlSeconds, boolean success) implements BrokerOp {
        public StoreResult(String taskId, String json, long ttlSeconds, boolean success) {
            this(taskId, json.getBytes(StandardCharsets.UTF_8), ttlSeconds, success);
        }
    }

    /** Hold a message in the delayed set until {@code dueMillis}, then put it on {@code targetList}. */
    record Delay(String targetList, byte[] envelope, long dueMillis) implements BrokerOp {
    }

    /** Enqueue at the back of a list. */
    record Push(String list, byte[] value) implements BrokerOp {
    }

    /** Put back at the front of a queue list: popped next. */
    record PushFront(String list, byte[] value) implements BrokerOp {
    }

    /** A dead-letter entry in its stored form (see {@link DeadLetterEntry#encode()}). */
    record DeadLetter(byte[] entry) implements BrokerOp {
        public DeadLetter(DeadLetterEntry entry) {
            this(entry.encode());
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
