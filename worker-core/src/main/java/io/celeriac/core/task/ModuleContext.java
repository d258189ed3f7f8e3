package io.celeriac.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.client.TaskSender;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** What a module gets to build its tasks with: its configuration section, a sender, time and randomness. */
public interface ModuleContext {

    /** The module's section of the application config ({@code celeriac.yaml}); a missing node if absent. */
    JsonNode config(String section);

    /** For tasks that send tasks (the AI module sending mail, for example). */
    TaskSender sender();

    Clock clock();

    /**
     * The application's PostgreSQL database, connected and migrated on first use (a process whose
     * tasks never call this never connects).
     */
    io.celeriac.core.db.Database database();

    RandomGenerator random();

    /**
     * The Redis broker, for housekeeping of Celeriac's own keys (the maintenance module trims the
     * dead-letter list and recovers long-dead workers). Contexts without Redis do not have one.
     */
    default io.celeriac.core.broker.redis.RedisBroker broker() {
        throw new UnsupportedOperationException("this context has no Redis broker");
    }
}
