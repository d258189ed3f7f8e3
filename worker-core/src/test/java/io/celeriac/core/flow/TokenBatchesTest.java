package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runners' token requests go together, each gets its own answer, and a failure reaches every caller of its batch. */
class TokenBatchesTest {
    static final Rate ONE_PER_MINUTE = Rate.parse("1/m");

    @Test
    void every_caller_gets_its_own_token_whoever_sent_it() throws Exception {
        TokenBatches batches = new TokenBatches(new LocalFlowStore(), new TokenAllowances(64), () -> 1_000);
        List<Future<FlowStore.Token>> results = new ArrayList<>();
        try (ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String bucket = "b" + (i % 100);
                String id = "t" + i;
                results.add(runners.submit(() -> batches.take(new FlowStore.TokenRequest(bucket, ONE_PER_MINUTE, id, 1_000, 500, 0))));
            }
            long now = 0;
            long waiting = 0;
            for (Future<FlowStore.Token> result : results) {
                FlowStore.Token token = result.get(10, TimeUnit.SECONDS);
                now += token.kind() == FlowStore.Token.Kind.NOW ? 1 : 0;
                waiting += token.kind() == FlowStore.Token.Kind.WAIT && token.atMillis() == 61_000 ? 1 : 0;
            }
            assertEquals(100, now, "one token now per bucket");
            assertEquals(100, waiting, "the second of each bucket waits a minute");
        }
    }

    @Test
    void a_failed_round_trip_fails_the_caller() {
        IllegalStateException down = new IllegalStateException("redis down");
        FlowStore failing = new LocalFlowStore() {
            @Override
            public List<Token> takeTokens(List<TokenRequest> requests) {
                throw down;
            }
        };
        TokenBatches batches = new TokenBatches(failing, new TokenAllowances(64), () -> 1_000);
        assertSame(down, assertThrows(IllegalStateException.class,
                () -> batches.take(new FlowStore.TokenRequest("b", ONE_PER_MINUTE, "t", 1_000, 500, 0))));
    }

    @Test
    void tokens_taken_ahead_start_the_next_tasks_without_a_round_trip_until_they_lapse() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000);
        List<Integer> asked = new ArrayList<>();
        FlowStore leasing = new LocalFlowStore() {
            @Override
            public List<Token> takeTokens(List<TokenRequest> requests) {
                requests.forEach(r -> asked.add(r.want()));
                return requests.stream().map(r -> Token.now(Math.min(r.want(), 3))).toList();
            }
        };
        TokenBatches batches = new TokenBatches(leasing, new TokenAllowances(64), now::get);
        Rate fast = Rate.parse("1000000/s");
        for (int i = 0; i < 3; i++) {
            assertEquals(FlowStore.Token.NOW, batches.take(new FlowStore.TokenRequest("b", fast, "t" + i, now.get(), 500, 2)));
        }
        assertEquals(List.of(8), asked, "one round trip for three tasks");
        now.addAndGet(TokenAllowances.VALID_MILLIS + 1);
        batches.take(new FlowStore.TokenRequest("b", fast, "t3", now.get(), 500, 2));
        batches.take(new FlowStore.TokenRequest("b", fast, "t4", now.get(), 500, 2));
        assertEquals(List.of(8, 6), asked, "the next asks for twice what the last used");
        batches.take(new FlowStore.TokenRequest("slow", ONE_PER_MINUTE, "t5", now.get(), 500, 2));
        assertEquals(List.of(8, 6, 1), asked, "a slow limit takes one token per task");
    }
}
