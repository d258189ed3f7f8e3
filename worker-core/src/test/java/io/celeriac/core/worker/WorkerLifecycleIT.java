package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerLifecycleIT {
    Application app;
    final TaskRegistry registry = new TaskRegistry();

    @BeforeEach
    void setUp() {
        app = TestApp.create();
        registry.register("test.quick", ctx -> "ok");
        registry.register("test.short_lived", TaskOptions.defaults().resultExpires(Duration.ofSeconds(7)), ctx -> "gone soon");
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    @Test
    void after_max_tasks_per_child_the_worker_stops_by_itself_and_leaves_the_rest_queued() throws Exception {
        for (int i = 0; i < 5; i++) {
            app.client().send("test.quick", List.of(), Map.of(), SendOptions.defaults());
        }
        WorkerSettings base = TestApp.settings("recycled@test", List.of("celery"), 1);
        WorkerSettings settings = new WorkerSettings(base.name(), base.queues(), 1, 1, 3, base.shutdownTimeout(),
                base.leaseTimeout(), base.resultExpires(), false);
        Worker worker = TestApp.worker(app, registry, settings);
        worker.start();
        assertTrue(worker.awaitStopped(Duration.ofSeconds(20)), "stopped on its own");
        assertEquals(3, worker.stats().processed());
        assertEquals(2, app.redis().getList(app.keys().queueList("celery", 0)).size(), "the rest wait for the next worker");
    }

    @Test
    void a_task_with_its_own_result_expiry_overrides_the_workers() {
        Worker worker = TestApp.worker(app, registry, TestApp.settings("expiry@test", List.of("celery"), 1));
        worker.start();
        try {
            String longLived = app.client().send("test.quick", List.of(), Map.of(), SendOptions.defaults()).id();
            String shortLived = app.client().send("test.short_lived", List.of(), Map.of(), SendOptions.defaults()).id();
            Eventually.await("both results", Duration.ofSeconds(10),
                    () -> app.redisResults().get(longLived).isPresent() && app.redisResults().get(shortLived).isPresent());
            long shortTtl = app.redis().getBucket(app.keys().result(shortLived)).remainTimeToLive();
            long longTtl = app.redis().getBucket(app.keys().result(longLived)).remainTimeToLive();
            assertTrue(shortTtl > 0 && shortTtl <= 7_000, "task's own expiry: " + shortTtl);
            assertTrue(longTtl > 3_500_000, "worker's default (1 h): " + longTtl);
        } finally {
            worker.shutdown();
        }
    }
}
