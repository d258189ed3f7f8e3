package io.celeriac.maintenance.db;

import io.celeriac.db.AdvisoryLock;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class IdentifiersTest {

    @Test
    void table_names_are_quoted_with_embedded_quotes_doubled() {
        assertEquals("\"user_sessions\"", DatabaseOptimizer.quote("user_sessions"));
        assertEquals("\"odd\"\"name\"", DatabaseOptimizer.quote("odd\"name"));
    }

    @Test
    void the_lock_key_is_stable_per_name_and_differs_between_schemas() {
        assertEquals(AdvisoryLock.keyOf("celeriac.maintenance@public"), AdvisoryLock.keyOf("celeriac.maintenance@public"));
        assertNotEquals(AdvisoryLock.keyOf("celeriac.maintenance@public"), AdvisoryLock.keyOf("celeriac.maintenance@t_1"));
    }
}
