package io.celeriac.core.broker.redis;

import io.celeriac.core.broker.Broker.QueuePause;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import redis.clients.jedis.Response;

/**
 * Queue pauses on Redis: a SET of paused queue names that makes them durable (a worker that starts
 * later, or restarts, reads it), and a channel that makes them immediate. A channel message is
 * {@code pause <queue>} or {@code resume <queue>}. One key and a publish: no script is needed, the
 * SET is the truth and the announcement only saves waiting for the next reload.
 */
final class RedisQueuePauses {
    private final DirectRedis direct;
    private final RedisChannels channels;
    private final RedisKeys keys;

    RedisQueuePauses(DirectRedis direct, RedisChannels channels, RedisKeys keys) {
        this.direct = direct;
        this.channels = channels;
        this.keys = keys;
    }

    boolean pause(String queue, boolean paused) {
        byte[] set = utf8(keys.pausedQueues());
        byte[] name = utf8(queue);
        byte[] message = utf8((paused ? "pause " : "resume ") + queue);
        List<Response<Long>> changed = new java.util.ArrayList<>(1);
        direct.pipelined(pipeline -> {
            changed.add(paused ? pipeline.sadd(set, name) : pipeline.srem(set, name));
            pipeline.publish(utf8(keys.pausedQueuesChannel()), message);
        });
        return changed.get(0).get() > 0;
    }

    Set<String> paused() {
        return Set.copyOf(direct.call(jedis -> jedis.smembers(keys.pausedQueues())));
    }

    AutoCloseable listen(Consumer<QueuePause> listener) {
        return channels.subscribe(keys.pausedQueuesChannel(), (channel, message) -> {
            int space = message.indexOf(' ');
            if (space > 0) {
                listener.accept(new QueuePause(message.substring(space + 1), message.startsWith("pause")));
            }
        });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
