package io.celeriac.core.flow;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker killed while its task holds a concurrency slot (no release, no more renewals) does not
 * leak it: the slot lapses with the worker's lease, on the fleet's clock, in Redis.
 */
class SlotRecoveryIT {
    static final Duration LEASE = Duration.ofSeconds(30);
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));
    final FlowRules rules = new FlowRules();
    Application app;
    FlowGate killed;
    FlowGate survivor;
    final ObjectNode user = JsonNodeFactory.instance.objectNode().put("user_id", "u1");

    @BeforeEach
    void setUp() {
        app = TestApp.create(clock, null);
        rules.configure(FlowLimit.concurrency("sync", 1).perKey("user_id"), List.of("s"));
        killed = new FlowGate(app.redisBroker().flowStore(), rules, "killed@test", clock, LEASE, new SplittableRandom(1));
        survivor = new FlowGate(app.redisBroker().flowStore(), rules, "survivor@test", clock, LEASE, new SplittableRandom(2));
    }

    @AfterEach
    void tearDown() {
        TestApp.removeKeys(app);
        app.close();
    }

    @Test
    void a_killed_workers_slot_comes_back_once_its_lease_ends_and_not_before() {
        assertInstanceOf(Admission.Run.class, killed.admit("s", null, "t1", null, user));
        // kill -9: the task never ends, its worker never renews or releases
        clock.advance(LEASE.minusMillis(1));
        assertInstanceOf(Admission.Wait.class, survivor.admit("s", null, "t2", null, user), "held until the lease ends");
        clock.advance(Duration.ofMillis(2));
        assertInstanceOf(Admission.Run.class, survivor.admit("s", null, "t2", null, user), "free once the lease ended");
    }

    @Test
    void a_live_workers_renewals_keep_its_long_task_slot_past_many_leases() {
        assertInstanceOf(Admission.Run.class, survivor.admit("s", null, "long", null, user));
        for (int i = 0; i < 10; i++) {
            clock.advance(LEASE.dividedBy(2));
            survivor.runOnce();
        }
        assertInstanceOf(Admission.Wait.class, killed.admit("s", null, "t2", null, user), "five leases on, still held");
    }
}
