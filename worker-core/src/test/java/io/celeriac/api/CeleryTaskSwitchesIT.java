package io.celeriac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacWorker;
import io.celeriac.Options;
import io.celeriac.TaskResult;
import io.celeriac.TaskState;
import io.celeriac.core.app.Application;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.events.EventReceiver;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Celery's task_track_started and task_send_sent_event through the public builders. */
class CeleryTaskSwitchesIT {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    static String url() {
        var url = TestRedis.url();
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }

    @Test
    void a_worker_tracking_started_records_started_for_a_task_that_does_not_ask_and_a_client_announces_its_sends()
            throws Exception {
        String prefix = TestApp.randomPrefix();
        CountDownLatch finish = new CountDownLatch(1);
        List<JsonNode> sentEvents = new CopyOnWriteArrayList<>();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n";
        try (Application watcher = new Application(AppConfigLoader.fromYaml(yaml), TestRedis.url(), null, 4,
                     Clock.systemUTC(), new SplittableRandom(3));
             EventReceiver receiver = EventReceiver.listen(watcher.fanout(), event -> {
                 if ("task-sent".equals(event.path("type").asText())) {
                     sentEvents.add((ObjectNode) event);
                 }
             });
             CeleriacWorker worker = CeleriacWorker.builder(url()).keyPrefixes(prefix + "celeriac:", prefix)
                     .name("switches@test").concurrency(1).trackStarted(true)
                     .task(io.celeriac.Task.of("switches.wait", Integer.class, Integer.class), (n, context) -> {
                         finish.await(20, TimeUnit.SECONDS);
                         return n;
                     }).start();
             Celeriac celeriac = Celeriac.builder(url()).keyPrefixes(prefix + "celeriac:", prefix).sendSentEvents(true).build()) {
            // the receiver is subscribed once an announced send reaches it
            Eventually.await("a task-sent event", TIMEOUT, () -> {
                celeriac.send("switches.unknown", List.of(), Map.of(), Options.defaults().queue("switches-nowhere"));
                return !sentEvents.isEmpty();
            });
            TaskResult<JsonNode> waiting = celeriac.send("switches.wait", List.of(7), Map.of(), Options.defaults());

            Eventually.await("STARTED stored", TIMEOUT, () -> waiting.state() == TaskState.STARTED);
            finish.countDown();
            assertEquals(7, waiting.get(TIMEOUT).asInt());
            Eventually.await("its task-sent event", TIMEOUT,
                    () -> sentEvents.stream().anyMatch(e -> e.path("uuid").asText().equals(waiting.id())));
        } finally {
            finish.countDown();
        }
    }
}
