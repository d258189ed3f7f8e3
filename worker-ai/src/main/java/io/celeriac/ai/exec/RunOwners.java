package io.celeriac.ai.exec;

import io.celeriac.core.broker.Broker;
import java.util.Map;

/**
 * Which workers hold a lease: a run records the worker (and its incarnation) running it, and a
 * message redelivered for a run whose owner is gone takes it over at once instead of waiting for
 * the stale-run sweep. Read through the broker's public API: the workers set (name to last
 * heartbeat) and each worker's record (its {@code started} time tells a restart under the same
 * name from the process that owned the run).
 */
public interface RunOwners {

    /** This worker's incarnation (its record's start time), or null when it has none yet. */
    String incarnation(String worker);

    /** Whether {@code owner}'s lease is gone, or it is another incarnation than {@code started}. */
    boolean gone(String owner, String started);

    /** Owners as the engine's broker records them. */
    static RunOwners of(Broker broker) {
        return new RunOwners() {
            @Override
            public String incarnation(String worker) {
                return broker.workerRecord(worker).get("started");
            }

            @Override
            public boolean gone(String owner, String started) {
                if (owner == null) {
                    return true;
                }
                Map<String, String> record = broker.workerRecord(owner);
                // the engine forgets a worker when its lease runs out (and requeues its messages)
                if (!broker.workerHeartbeats().containsKey(owner) || record.isEmpty()) {
                    return true;
                }
                return started != null && record.get("started") != null && !started.equals(record.get("started"));
            }
        };
    }

    /** No lease information (a context without Redis): only the stale-run limit restarts runs. */
    RunOwners NONE = new RunOwners() {
        @Override
        public String incarnation(String worker) {
            return null;
        }

        @Override
        public boolean gone(String owner, String started) {
            return false;
        }
    };
}
