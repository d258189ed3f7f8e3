package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.app.Application;
import io.celeriac.core.testing.TestApp;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueuePurgerIT {
    Application app;
    FleetSeed seed;
    QueuePurger purger;

    @BeforeEach
    void start() {
        app = TestApp.create();
        seed = new FleetSeed(app);
        purger = new QueuePurger(app.redisBroker());
        for (int priority : new int[] {0, 3, 6, 9}) {
            seed.queued("emails", priority, seed.envelope(FleetSeed.newId(), "mail.send", "emails", priority));
        }
        seed.queued("celery", 0, seed.envelope(FleetSeed.newId(), "celeriac.add", "celery", 0));
        seed.delayed("emails", 3, seed.envelope(FleetSeed.newId(), "mail.send", "emails", 3), Instant.now().plusSeconds(60));
        seed.delayed("celery", 0, seed.envelope(FleetSeed.newId(), "celeriac.add", "celery", 0), Instant.now().plusSeconds(60));
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void purge_empties_every_priority_bucket_of_the_queue_and_nothing_else() {
        assertEquals(new QueuePurger.Count(4, 0), purger.count("emails", false));
        assertEquals(new QueuePurger.Count(4, 0), purger.purge("emails", false));
        assertEquals(new QueuePurger.Count(0, 0), purger.count("emails", false));
        assertEquals(1, app.redis().getList(app.keys().queueList("celery", 0)).size());
        assertEquals(2, app.redis().getScoredSortedSet(app.keys().delayed()).size());
    }

    @Test
    void purge_with_delayed_also_removes_the_delayed_messages_bound_for_the_queue_only() {
        assertEquals(new QueuePurger.Count(4, 1), purger.count("emails", true));
        assertEquals(new QueuePurger.Count(4, 1), purger.purge("emails", true));
        assertEquals(1, app.redis().getScoredSortedSet(app.keys().delayed()).size());
    }
}
