package io.celeriac.core.control;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.events.EventPublisher;
import io.celeriac.core.events.LamportClock;
import io.celeriac.core.events.TaskEventSource;
import io.celeriac.core.events.WorkerEvents;
import io.celeriac.core.task.TaskRegistry;
import io.celeriac.core.worker.WorkerControl;
import java.time.Clock;

/**
 * What the commands of one worker's mailbox read and change.
 *
 * @param worker the running worker
 * @param events the worker's event publisher (enable/disable events)
 * @param totals tasks started per name ({@code stats.total})
 * @param beats  the worker's own events ({@code heartbeat} command)
 */
public record ControlContext(WorkerControl worker, TaskRegistry registry, Broker broker, EventPublisher events,
                             TaskEventSource totals, WorkerEvents beats, LamportClock lamport, Clock clock,
                             AppConfig config, RedisUrl brokerUrl) {

    public String node() {
        return worker.name();
    }
}
