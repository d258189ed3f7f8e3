package io.celeriac.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.client.TaskSender;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What a module gets to build its tasks with: its configuration section, a sender, time and
 * randomness, and the components other modules provide.
 */
public interface ModuleContext {

    /** The module's section of the application config ({@code celeriac.yaml}); a missing node if absent. */
    JsonNode config(String section);

    /** For tasks that send tasks (the AI module sending mail, for example). */
    TaskSender sender();

    Clock clock();

    /**
     * A component a module registered (the application's database, for example), opened on first
     * use: a process whose tasks never ask for it never connects. Modules wrap this in a typed
     * accessor of their own (the database module's {@code Database.of(context)}).
     *
     * @throws IllegalStateException when no module on the class path provides {@code type}
     */
    default <T> T component(Class<T> type) {
        throw new IllegalStateException("this context has no components (asked for " + type.getName() + ")");
    }

    /** The process's component settings (the database URL, for example); empty by default. */
    default io.celeriac.core.component.Settings settings() {
        return io.celeriac.core.component.Settings.EMPTY;
    }

    RandomGenerator random();

    /**
     * The broker, for housekeeping of Celeriac's own state (the maintenance module trims the
     * dead-letter list and recovers long-dead workers; the AI module reads worker leases). Contexts
     * without a broker do not have one.
     */
    default io.celeriac.core.broker.Broker broker() {
        throw new UnsupportedOperationException("this context has no broker");
    }
}
