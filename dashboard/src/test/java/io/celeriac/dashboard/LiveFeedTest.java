package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** However many tabs poll, one sample per freshness interval reaches Redis. */
class LiveFeedTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger samples = new AtomicInteger();
    private final LiveFeed feed = new LiveFeed(() -> JsonNodeFactory.instance.objectNode().put("n", samples.incrementAndGet()), nanos::get);

    @Test
    void many_tabs_within_the_interval_share_one_sample() {
        ObjectNode first = feed.snapshot();
        for (int tab = 0; tab < 50; tab++) {
            assertSame(first, feed.snapshot());
        }
        nanos.addAndGet(LiveFeed.FRESH_FOR.toNanos() - 1);
        assertSame(first, feed.snapshot());
        assertEquals(1, samples.get());
    }

    @Test
    void an_older_sample_is_replaced_on_the_next_request() {
        feed.snapshot();
        nanos.addAndGet(LiveFeed.FRESH_FOR.toNanos());
        assertEquals(2, feed.snapshot().path("n").asInt());
        assertEquals(2, feed.snapshot().path("n").asInt());
        assertEquals(2, samples.get());
    }
}
