package io.celeriac.core.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reload's merge, without Redis: what the channel announced during a reload is never lost. */
class RevokedTasksTest {
    private final RevokedTasks revoked = new RevokedTasks(null, Clock.systemUTC());

    @Test
    void an_id_announced_while_redis_was_being_read_survives_the_reload() {
        revoked.announced("old");
        Set<String> known = Set.of("old");
        revoked.announced("new"); // arrives on the channel after the snapshot, before the read returns
        revoked.reloaded(known, Set.of("old"));
        assertTrue(revoked.contains("new"));
        assertTrue(revoked.contains("old"));
    }

    @Test
    void an_expired_id_is_forgotten_and_one_redis_holds_is_learned() {
        revoked.announced("expired");
        revoked.reloaded(Set.of("expired"), Set.of("from-redis"));
        assertFalse(revoked.contains("expired"));
        assertTrue(revoked.contains("from-redis"));
    }
}
