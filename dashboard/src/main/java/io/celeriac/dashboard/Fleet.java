package io.celeriac.dashboard;

import io.celeriac.core.admin.DeadLetters;
import io.celeriac.core.admin.DelayedTasks;
import io.celeriac.core.admin.FleetInspector;
import io.celeriac.core.admin.QueuePurger;
import io.celeriac.core.admin.Revocations;
import io.celeriac.core.admin.TaskLocator;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import java.time.Clock;

/**
 * The admin read layer of worker-core, opened once for the dashboard's life: every page reads
 * through these (and through {@link Keyspace} windows), never Redis directly.
 */
public final class Fleet {
    private final Application app;
    private final FleetInspector inspector;
    private final DeadLetters deadLetters;
    private final QueuePurger purger;
    private final DelayedTasks delayedTasks;
    private final Revocations revocations;
    private final TaskLocator locator;
    private final AuditLog audit;
    private final TaskHistory history;
    private final QueueHeads heads;
    private final QueueRates rates;

    public Fleet(Application app) {
        this.app = app;
        this.inspector = new FleetInspector(app.redisBroker(), app.codec(), app.config().queues());
        this.deadLetters = new DeadLetters(app.redisBroker(), app.codec());
        this.purger = new QueuePurger(app.redisBroker());
        this.delayedTasks = new DelayedTasks(app.redisBroker(), app.codec());
        this.revocations = new Revocations(app.redisBroker());
        this.locator = new TaskLocator(app.redisBroker(), app.codec(), app.redisResults(), app.config().queues());
        this.audit = new AuditLog(keyspace(), keys());
        this.history = new TaskHistory(keyspace(), keys());
        this.heads = new QueueHeads(keyspace(), keys(), app.codec());
        this.rates = new QueueRates(keyspace(), keys());
    }

    public Application app() {
        return app;
    }

    public Keyspace keyspace() {
        return app.redisBroker().keyspace();
    }

    public RedisKeys keys() {
        return app.keys();
    }

    public Clock clock() {
        return app.clock();
    }

    public FleetInspector inspector() {
        return inspector;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public QueuePurger purger() {
        return purger;
    }

    public DelayedTasks delayedTasks() {
        return delayedTasks;
    }

    public Revocations revocations() {
        return revocations;
    }

    public TaskLocator locator() {
        return locator;
    }

    public AuditLog audit() {
        return audit;
    }

    public TaskHistory history() {
        return history;
    }

    public QueueHeads heads() {
        return heads;
    }

    public QueueRates rates() {
        return rates;
    }
}
