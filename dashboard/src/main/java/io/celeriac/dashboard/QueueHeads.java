package io.celeriac.dashboard;

import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.TaskMessage;
import java.time.Instant;

/**
 * When the oldest waiting message of a queue was sent: LINDEX -1 of each priority list (workers pop
 * from that end), read from the {@code celeriac_sent} header Celeriac's clients write. A Python
 * client's message carries no send time: then it is unknown (null), not guessed.
 */
public final class QueueHeads {
    private final Keyspace redis;
    private final RedisKeys keys;
    private final MessageCodec codec;

    public QueueHeads(Keyspace redis, RedisKeys keys, MessageCodec codec) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
    }

    /** The earliest send time among the heads of the queue's lists, or null. */
    public Instant oldestSent(String queue) {
        Instant oldest = null;
        for (String list : keys.queueLists(queue)) {
            byte[] head = redis.index(list, -1);
            Instant sent = head == null ? null : sent(head);
            if (sent != null && (oldest == null || sent.isBefore(oldest))) {
                oldest = sent;
            }
        }
        return oldest;
    }

    private Instant sent(byte[] raw) {
        try {
            TaskMessage message = codec.decode(raw);
            long ms = message.headers().path(NewTask.SENT_HEADER).asLong(0);
            return ms > 0 ? Instant.ofEpochMilli(ms) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
