package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.Envelope;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * Messages far over the size limit against a worker process with a 64 MB heap (the lean setting):
 * each is dead-lettered without reaching the worker's heap, the worker keeps running valid tasks,
 * and its memory does not balloon. Prints the RSS before and after (the README's figures).
 */
class OversizedMessagesIT {

    @Test
    void messages_over_the_limit_never_reach_a_small_heap() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\nresult_expires: 1h\n";
        Path config = Files.createTempFile("celeriac", ".yaml");
        Files.writeString(config, yaml);
        var url = TestRedis.url();
        try (Application app = new Application(AppConfigLoader.fromYaml(yaml), url, null, 8, Clock.systemUTC(), new SplittableRandom(3));
             JavaProcess worker = JavaProcess.celeriac(List.of("-Xmx64m"), Map.of(), "worker", "--config=" + config,
                     "--broker-url=redis://" + url.host() + ":" + url.port() + "/" + url.database(), "--queues=celery",
                     "--hostname=lean@test", "--concurrency=4", "--loglevel=WARNING")) {
            Eventually.await("the worker is up", Duration.ofSeconds(30), () -> app.redisBroker().workerHeartbeats().containsKey("lean@test"));
            sendAndAwait(app, 200);
            long before = worker.rssKb();
            var queue = app.redis().<byte[]>getDeque(app.keys().queueList("celery", 0), ByteArrayCodec.INSTANCE);
            for (int i = 0; i < 2; i++) {
                queue.addFirst(Envelope.of("huge-" + i, "celeriac.echo", "[\"" + "x".repeat(25 << 20) + "\"]").bytes());
            }
            for (int i = 0; i < 5; i++) {
                queue.addFirst(Envelope.of("big-" + i, "celeriac.echo", "[\"" + "y".repeat(10 << 20) + "\"]").bytes());
            }
            for (int i = 0; i < 20; i++) {
                queue.addFirst(Envelope.of("fits-" + i, "celeriac.echo", "[\"" + "z".repeat(2 << 20) + "\"]").bytes());
            }
            sendAndAwait(app, 200);
            try {
                Eventually.await("every message handled", Duration.ofSeconds(60), () -> queue.isEmpty()
                        && app.redis().getList(app.keys().dead()).size() == 7);
            } catch (AssertionError e) {
                String log = worker.log();
                throw new AssertionError(e.getMessage() + ": queued " + queue.size() + ", dead " + app.redis().getList(app.keys().dead()).size()
                        + ", alive " + worker.isAlive() + "; log tail:\n" + log.substring(Math.max(0, log.length() - 4000)), e);
            }
            long after = worker.rssKb();
            System.out.printf("worker RSS (-Xmx64m): %d MB before, %d MB after 2 x 25 MB and 5 x 10 MB (dead-lettered) and 20 x 2.7 MB (run)%n",
                    before / 1024, after / 1024);
            assertTrue(worker.isAlive(), worker.log());
            assertEquals(20, java.util.stream.IntStream.range(0, 20)
                    .filter(i -> app.redisResults().get("fits-" + i).isPresent()).count(), "the messages under the limit ran");
        } finally {
            Files.deleteIfExists(config);
        }
    }

    static void sendAndAwait(Application app, int count) {
        List<AsyncResult> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(app.client().send("celeriac.add", List.of(i, i), Map.of(), SendOptions.defaults()));
        }
        for (int i = 0; i < count; i++) {
            assertEquals(2 * i, sent.get(i).get(Duration.ofSeconds(30)).asInt());
        }
    }
}
