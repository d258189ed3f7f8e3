package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.Eventually;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The one subscriber connection, on a Redis of its own that the test restarts. */
class RedisChannelsIT {

    @Test
    void subscriptions_receive_from_the_moment_they_return_and_survive_a_redis_restart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer redis = server(port);
        redis.start();
        DirectRedis direct = DirectRedis.connect(RedisUrl.parse("redis://127.0.0.1:" + port + "/0"), 4);
        List<String> received = new CopyOnWriteArrayList<>();
        try (RedisChannels channels = new RedisChannels(direct, Duration.ofSeconds(30))) {
            channels.subscribe("news", (channel, message) -> received.add(channel + ":" + message));
            channels.psubscribe("events.*", (channel, message) -> received.add(channel + ":" + message));
            // subscribe returned: nothing published from now on is missed
            direct.call(jedis -> jedis.publish("news", "one"));
            direct.call(jedis -> jedis.publish("events.task", "two"));
            Eventually.await("both messages", Duration.ofSeconds(10), () -> received.size() == 2);
            assertEquals(List.of("news:one", "events.task:two"), received);

            AutoCloseable late = channels.subscribe("late", (channel, message) -> received.add(channel + ":" + message));
            direct.call(jedis -> jedis.publish("late", "three"));
            Eventually.await("a subscription added later", Duration.ofSeconds(10), () -> received.contains("late:three"));
            late.close();

            redis.stop();
            redis = server(port);
            redis.start();
            Eventually.await("resubscribed after the restart", Duration.ofSeconds(30), () -> {
                try {
                    direct.call(jedis -> jedis.publish("news", "again"));
                } catch (RuntimeException e) {
                    return false; // the pool's connections from before the restart fail once each
                }
                return received.contains("news:again");
            });
            assertTrue(received.stream().noneMatch(m -> m.startsWith("late:") && !m.equals("late:three")));
        } finally {
            direct.close();
            redis.stop();
        }
    }

    private static RedisServer server(int port) throws Exception {
        return RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
    }
}
