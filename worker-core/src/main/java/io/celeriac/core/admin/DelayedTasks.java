package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.MessageCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Acts on one entry of the delayed set (ETA, countdown, retry backoff), named by its stored bytes:
 * run it now or delete it. Running it now cannot just make it due: the worker would see its ETA
 * still ahead and defer it again, so the message goes to the front of its queue with the ETA
 * cleared (run-delayed-now-2.lua).
 */
public final class DelayedTasks {
    private final Keyspace redis;
    private final RedisKeys keys;
    private final MessageCodec codec;

    public DelayedTasks(RedisBroker broker, MessageCodec codec) {
        this.redis = broker.keyspace();
        this.keys = broker.keys();
        this.codec = codec;
    }

    /** Moves the entry to the front of its queue; false when it was gone (run, deleted, forwarded). */
    public boolean runNow(byte[] member) {
        int split = indexOf(member, (byte) '\n');
        if (split < 0) {
            throw new IllegalArgumentException("not a delayed message: no target list");
        }
        byte[] list = Arrays.copyOfRange(member, 0, split);
        byte[] envelope = withoutEta(Arrays.copyOfRange(member, split + 1, member.length));
        Object moved = redis.eval(AdminScripts.RUN_DELAYED_NOW, List.of(keys.delayed().getBytes(StandardCharsets.UTF_8), list),
                List.of(member, envelope));
        return ((Number) moved).longValue() == 1;
    }

    /** Removes the entry; false when it was gone. */
    public boolean delete(byte[] member) {
        return redis.removeScored(keys.delayed(), List.of(member)) > 0;
    }

    private byte[] withoutEta(byte[] envelope) {
        try {
            JsonNode root = codec.json().readTree(envelope);
            if (!(root instanceof ObjectNode message) || !(message.get("headers") instanceof ObjectNode headers)) {
                throw new IllegalArgumentException("a delayed message without headers cannot be run now: delete it or let it come due");
            }
            headers.putNull("eta");
            return codec.json().writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalArgumentException("an unreadable delayed message cannot be run now: " + e.getMessage(), e);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
