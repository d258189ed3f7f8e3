package io.celeriac.core.flow;

import io.celeriac.core.app.Application;
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

    @Override
    FlowStore store() {
        // a fresh prefix per test: each starts with empty buckets
        return new io.celeriac.core.broker.redis.RedisFlowStore(app.broker().direct(),
                new io.celeriac.core.broker.redis.RedisKeys(TestApp.randomPrefix(), app.keys().celeryPrefix()));
    }
}
