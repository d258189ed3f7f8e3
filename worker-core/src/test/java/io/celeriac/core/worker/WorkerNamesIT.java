package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.app.Application;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Celery's default node name on the real Redis: taken when free or held by the dead, never shared
 * with a worker that may be live or with a process starting at the same moment.
 */
class WorkerNamesIT {
    static final Duration LEASE = Duration.ofSeconds(30);
    final String host = NodeName.host();
    final String preferred = "celery@" + host;
    final String fallback = "celery-" + NodeName.pid() + "@" + host;
    Application app;

    @BeforeEach
    void setUp() {
        app = TestApp.create();
    }

    @AfterEach
    void tearDown() {
        TestApp.removeKeys(app);
        app.close();
    }

    String choose() {
        return WorkerNames.chooseDefault(app.redisBroker(), app.clock().instant(), LEASE);
    }

    void holder(Instant beat, long pid) {
        app.redisBroker().heartbeat(preferred, beat, Map.of("host", host, "pid", String.valueOf(pid)));
    }

    @Test
    void a_free_name_is_taken_and_a_second_process_starting_at_once_takes_its_own() {
        assertEquals(preferred, choose());
        assertEquals(fallback, choose(), "the first one has not beaten yet: its reservation keeps the name");
    }

    @Test
    void a_live_holder_keeps_the_name() {
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        holder(app.clock().instant(), alive);
        assertEquals(fallback, choose());
    }

    @Test
    void a_holder_whose_process_is_gone_or_whose_lease_ran_out_gives_the_name_up() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        holder(app.clock().instant(), gone.pid());
        assertEquals(preferred, choose());

        try (Application other = TestApp.create()) {
            long alive = ProcessHandle.current().parent().orElseThrow().pid();
            other.broker().heartbeat(preferred, other.clock().instant().minus(LEASE).minusSeconds(1),
                    Map.of("host", host, "pid", String.valueOf(alive)));
            assertEquals(preferred, WorkerNames.chooseDefault(other.broker(), other.clock().instant(), LEASE));
            TestApp.removeKeys(other);
        }
    }
}
