package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.app.Application;
import java.util.List;
import io.celeriac.core.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Lua scripts keep the flow store's contract, against the real Redis. */
class RedisFlowStoreIT extends FlowStoreContract {
    static Application app;

    @BeforeAll
    static void connect() {
        app = TestApp.create();
    }

    @AfterAll
    static void cleanUp() {
        TestApp.removeKeys(app);
        app.close();
    }

    @org.junit.jupiter.api.Test
    void a_batch_of_tokens_goes_in_one_round_trip_in_order() {
        FlowStore store = store();
        List<FlowStore.TokenRequest> requests = List.of(
                new FlowStore.TokenRequest("b", TEN_PER_SECOND, "t1", T0, 500, 0),
                new FlowStore.TokenRequest("b", TEN_PER_SECOND, "t2", T0, 500, 0),
                new FlowStore.TokenRequest("b", TEN_PER_SECOND, "t3", T0, 500, 0));
        assertEquals(List.of(FlowStore.Token.NOW, new FlowStore.Token(FlowStore.Token.Kind.WAIT, T0 + 100),
                new FlowStore.Token(FlowStore.Token.Kind.WAIT, T0 + 200)), store.takeTokens(requests));
    }

    @org.junit.jupiter.api.Test
    void a_fast_bucket_grants_several_tokens_free_now_and_the_next_caller_sees_them_spent() {
        FlowStore store = store();
        Rate fast = Rate.parse("10000/s"); // 0.1 ms apart: a millisecond holds 10 tokens at once
        List<FlowStore.Token> first = store.takeTokens(List.of(new FlowStore.TokenRequest("f", fast, "t1", T0, 500, 2, 64)));
        assertEquals(FlowStore.Token.now(10), first.get(0), "only the tokens free now, not the 64 asked for");
        List<FlowStore.Token> second = store.takeTokens(List.of(new FlowStore.TokenRequest("f", fast, "t2", T0, 500, 2, 64)));
        assertEquals(FlowStore.Token.Kind.AT, second.get(0).kind(), "the bucket is spent until the next token");
        assertEquals(1, second.get(0).count());
    }

    @org.junit.jupiter.api.Test
    void a_slow_bucket_grants_one_token_whatever_is_asked() {
        FlowStore store = store();
        List<FlowStore.Token> tokens = store.takeTokens(List.of(new FlowStore.TokenRequest("s", TEN_PER_SECOND, "t1", T0, 500, 0, 64),
                new FlowStore.TokenRequest("s", TEN_PER_SECOND, "t2", T0, 500, 0, 64)));
        assertEquals(List.of(FlowStore.Token.NOW, new FlowStore.Token(FlowStore.Token.Kind.WAIT, T0 + 100)), tokens);
    }

    @org.junit.jupiter.api.Test
    void a_bucket_with_reservations_grants_one_token_at_a_time() {
        FlowStore store = store();
        Rate fast = Rate.parse("1000/s").withBurst(50); // 50 at once after a quiet spell
        for (int i = 0; i < 51; i++) {
            store.takeToken("r", fast, "early" + i, T0, 500, 0); // 50 now, the 51st reserved
        }
        long later = T0 + 10; // ten tokens free again, but a reservation is waiting in line
        List<FlowStore.Token> tokens = store.takeTokens(List.of(new FlowStore.TokenRequest("r", fast, "late", later, 500, 0, 64)));
        assertEquals(1, tokens.get(0).count());
    }

    @org.junit.jupiter.api.Test
    void once_its_last_reservation_is_used_a_fast_bucket_grants_several_again() {
        FlowStore store = store();
        Rate fast = Rate.parse("10000/s");
        assertEquals(10, store.takeTokens(List.of(new FlowStore.TokenRequest("h", fast, "t1", T0, 500, 2, 64))).get(0).count());
        FlowStore.Token stale = store.takeToken("h", fast, "stale", T0 - 5, 500, 2); // dated 5 ms before the tokens went
        assertEquals(FlowStore.Token.Kind.WAIT, stale.kind());
        assertEquals(FlowStore.Token.NOW, store.takeToken("h", fast, "stale", stale.atMillis(), 500, 2), "runs on its reservation");
        assertEquals(10, store.takeTokens(List.of(new FlowStore.TokenRequest("h", fast, "t2", T0 + 2, 500, 2, 64))).get(0).count(),
                "no reservation left: tokens ahead again");
    }

    @org.junit.jupiter.api.Test
    void a_pipelined_script_the_server_does_not_know_yet_is_loaded_and_sent_again() {
        String script = "return ARGV[1] -- " + java.util.UUID.randomUUID();
        byte[] a = "a".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Object> replies = app.redisBroker().direct().evalAll(script, List.of(List.of(), List.of()), List.of(List.of(a), List.of(b)));
        assertEquals("a", new String((byte[]) replies.get(0), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("b", new String((byte[]) replies.get(1), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    FlowStore store() {
        // a fresh prefix per test: each starts with empty buckets
        return new io.celeriac.core.broker.redis.RedisFlowStore(app.redisBroker().direct(),
                new io.celeriac.core.broker.redis.RedisKeys(TestApp.randomPrefix(), app.keys().celeryPrefix()));
    }
}
