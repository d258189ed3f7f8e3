package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.Delivery;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.FaultyBroker;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The completer's retry after a write whose reply was lost (what a Sentinel failover does to a
 * batch on the wire, seen in PythonSentinelFailoverIT): Redis had applied it, so the retry finds
 * the messages acked and is fenced out. Nothing is lost, and the log must not claim a lost lease.
 */
class CompleterRetryIT {
    Application app;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger completerLog = (Logger) LoggerFactory.getLogger(Completer.class);

    @BeforeEach
    void setUp() {
        app = TestApp.create();
        logged.start();
        completerLog.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        completerLog.detachAppender(logged);
        TestApp.removeKeys(app);
        app.close();
    }

    @Test
    void a_retry_fenced_out_by_its_own_lost_reply_is_not_reported_as_a_lost_lease() {
        FaultyBroker broker = new FaultyBroker(app.redisBroker()).loseCompletionReplies(1);
        app.client().send("t.any", List.of(), Map.of(), SendOptions.defaults());
        Delivery delivery = broker.fetch(broker.sources("completer@test", List.of("celery")), 1, 1 << 20).get(0);
        WorkerStats stats = new WorkerStats();
        Completer completer = new Completer(broker, stats);
        completer.start();
        try {
            completer.submit(Completion.of(delivery, List.of()));
            Eventually.await("applied, reply lost, then tried again", Duration.ofSeconds(10), () -> broker.completions() >= 2);
            Eventually.await("the retry reported", Duration.ofSeconds(10), () -> messages().stream().anyMatch(m -> m.contains("not written")));
        } finally {
            completer.stop(Duration.ofSeconds(5));
        }

        List<String> messages = messages();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("outcomes not written again: the failed attempt before most likely wrote them")),
                messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.contains("its lease was lost")), messages.toString());
        assertEquals(1, stats.fenced(), "still counted: the worker cannot tell it from a lease lost meanwhile");
    }

    private List<String> messages() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
