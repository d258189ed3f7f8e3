package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.internal.NodeName;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker names as lease identities. A name is also the one a worker's in-flight messages are held
 * under, so two live workers must never share it: an explicit name that is taken stops the start
 * ({@link WorkerNameTakenException}), and Celery's default, {@code celery@<host>}, falls back to a
 * name of this process when a live worker has it (Celery itself lets both run, and warns later).
 *
 * <p>Choosing the default:
 * <ol>
 *   <li>reserve {@code celery@<host>} for one lease (a key with a TTL, set only if absent): of two
 *       processes starting at the same moment, the one without the reservation falls back;</li>
 *   <li>if a worker of that name beat within its lease and is not a dead process of this host, it
 *       may be live: fall back, at once (waiting to tell would slow every second worker's start);</li>
 *   <li>else the name is free, or its holder is dead: take it ({@link Worker#start()} puts back
 *       what the dead holder had in flight).</li>
 * </ol>
 * The fallback is {@code celery-<pid>@<host>}, unique on this host, announced in one warning.
 */
public final class WorkerNames {
    private static final Logger log = LoggerFactory.getLogger(WorkerNames.class);

    private WorkerNames() {
    }

    /** Celery's default node name on {@code host}. */
    public static String celeryDefault(String host) {
        return "celery@" + host;
    }

    /** The name taken when {@link #celeryDefault} is in use: unique among this host's processes. */
    public static String fallback(String host, long pid) {
        return "celery-" + pid + "@" + host;
    }

    /** Celery's default name for a worker of this process, or the fallback when a live worker has it. */
    public static String chooseDefault(Broker broker, Instant now, Duration leaseTimeout) {
        String host = NodeName.host();
        long pid = NodeName.pid();
        String preferred = celeryDefault(host);
        String why = null;
        if (!broker.reserveWorkerName(preferred, host + ":" + pid, leaseTimeout)) {
            why = "another worker is starting with it";
        } else {
            Instant beat = broker.workerHeartbeats().get(preferred);
            if (beat != null && mayBeLive(beat, broker.workerRecord(preferred), now, leaseTimeout)) {
                why = "a live worker has it";
            }
        }
        if (why == null) {
            return preferred;
        }
        String fallback = fallback(host, pid);
        log.atWarn().addKeyValue("default", preferred).addKeyValue("name", fallback).addKeyValue("why", why)
                .log("default node name in use: this worker takes a name of its own (give each worker -n/--hostname to choose)");
        return fallback;
    }

    /**
     * Whether the worker that last beat at {@code beat} may still be alive: its lease has not run
     * out, and its record is not that of a process of this host that is gone. Our own pid in the
     * record is a previous life (a restarted container reuses pids), not us.
     */
    static boolean mayBeLive(Instant beat, Map<String, String> record, Instant now, Duration leaseTimeout) {
        boolean stale = !beat.isAfter(now.minus(leaseTimeout));
        boolean deadHereBefore = NodeName.host().equals(record.get("host")) && !processAlive(record.get("pid"));
        return !stale && !deadHereBefore;
    }

    private static boolean processAlive(String pid) {
        try {
            long p = Long.parseLong(pid);
            return p != NodeName.pid() && ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
