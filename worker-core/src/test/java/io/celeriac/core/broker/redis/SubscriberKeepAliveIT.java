package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.PrivateRedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A quiet subscriber is pinged, not reconnected (a reconnect costs every idle process several
 * commands, and loses what is published meanwhile); one that does not answer its ping is taken for
 * half dead and reconnects. On a private redis-server: the test pauses its clients.
 */
class SubscriberKeepAliveIT {
    private static final Duration RECHECK = Duration.ofSeconds(1);

    @Test
    void a_quiet_subscriber_is_pinged_and_one_that_does_not_answer_reconnects() throws Exception {
        assumeTrue(PrivateRedisServer.available(), "redis-server is not on the PATH");
        try (PrivateRedisServer redis = PrivateRedisServer.start()) {
            DirectRedis direct = DirectRedis.connect(redis.url(), 2);
            List<String> received = new CopyOnWriteArrayList<>();
            try (RedisChannels channels = new RedisChannels(direct, RECHECK)) {
                channels.subscribe("news", (channel, message) -> received.add(message));
                long subscribes = calls(redis, "subscribe");

                elapse(RECHECK.multipliedBy(4));
                assertEquals(subscribes, calls(redis, "subscribe"), "quiet, it was not reconnected");
                assertTrue(calls(redis, "ping") >= 2, "it was pinged: " + redis.commandStats());

                // paused clients get no answer: the ping goes unanswered, and the line is dropped
                direct.call(jedis -> jedis.clientPause(3 * RECHECK.toMillis()));
                elapse(RECHECK.multipliedBy(3)); // asking Redis anything meanwhile would wait too
                Eventually.await("resubscribed once Redis answers again", Duration.ofSeconds(15),
                        () -> calls(redis, "subscribe") > subscribes);
                direct.call(jedis -> jedis.publish("news", "after"));
                Eventually.await("a message after the reconnect", Duration.ofSeconds(10), () -> received.contains("after"));
            } finally {
                direct.close();
            }
        }
    }

    private static long calls(PrivateRedisServer redis, String command) {
        for (String line : redis.commandStats().split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
            }
        }
        return 0;
    }

    /** A bounded real wait: the keep-alive runs on the real clock. */
    private static void elapse(Duration duration) throws InterruptedException {
        new CountDownLatch(1).await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
