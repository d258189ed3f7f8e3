package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One place a task's message was found. A message can be in two places for a moment (a race seen mid-move). */
public sealed interface TaskLocation {

    ObjectNode toJson();

    /** Ready on a queue list; {@code ahead} messages of that queue are served before it. */
    record Queued(String queue, int priority, long ahead) implements TaskLocation {
        @Override
        public ObjectNode toJson() {
            return node("queued").put("queue", queue).put("priority", priority).put("ahead", ahead);
        }
    }

    /** In Celeriac's delayed set until {@code due}: an ETA, a countdown, or a retry's backoff. */
    record Delayed(String queue, Instant due) implements TaskLocation {
        @Override
        public ObjectNode toJson() {
            return node("delayed").put("queue", queue).put("due", due.toString());
        }
    }

    /**
     * In a Celeriac worker's in-flight list. {@code running} when the worker's last heartbeat listed
     * it, else it is reserved (prefetched). A dead worker's message waits for lease recovery.
     */
    record InFlight(String worker, String queue, boolean workerAlive, Instant leaseExpiry, boolean running, Instant started)
            implements TaskLocation {
        @Override
        public ObjectNode toJson() {
            return node("inflight").put("worker", worker).put("queue", queue).put("worker_alive", workerAlive)
                    .put("lease_expiry", leaseExpiry == null ? null : leaseExpiry.toString()).put("running", running)
                    .put("started", started == null ? null : started.toString());
        }
    }

    /** In kombu's {@code unacked} hash: a Python worker prefetched it or holds it until its ETA. */
    record PythonUnacked(String routingKey, String deliveryTag) implements TaskLocation {
        @Override
        public ObjectNode toJson() {
            return node("python-unacked").put("queue", routingKey).put("delivery_tag", deliveryTag);
        }
    }

    /** In the dead-letter list. */
    record DeadLettered(String queue, String reason, Instant at, int position) implements TaskLocation {
        @Override
        public ObjectNode toJson() {
            return node("dead").put("queue", queue).put("reason", reason).put("at", at.toString()).put("position", position);
        }
    }

    private static ObjectNode node(String where) {
        return JsonNodeFactory.instance.objectNode().put("where", where);
    }
}
