package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revoked task ids a worker must skip, kept in memory so checking costs nothing per task.
 * Revocations are durable in the broker and announced as they happen: the announcement makes them
 * immediate, the periodic reload ({@link #runOnce()}) makes them reliable across reconnects and for
 * workers that start later. An announcement with terminate stops a running task of that id.
 */
public final class RevokedTasks {
    private static final Logger log = LoggerFactory.getLogger(RevokedTasks.class);

    /** Between reloads: under the 30 s after which health counts a silent loop as stuck. */
    static final Duration RELOAD = Duration.ofSeconds(20);

    private final Broker broker;
    private final Clock clock;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private AutoCloseable subscription;

    public RevokedTasks(Broker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    /** Listens for announcements; {@code terminate} stops the running task of an id. */
    public void start(Consumer<String> terminate) {
        subscription = broker.onRevocation(revocation -> {
            announced(revocation.taskId());
            if (revocation.terminate()) {
                terminate.accept(revocation.taskId());
            }
        });
        runOnce();
    }

    public boolean contains(String taskId) {
        return revoked.contains(taskId);
    }

    /**
     * Reloads the unexpired revocations; again in {@link #RELOAD}. The reload only catches what an
     * announcement missed (sent while the subscription was reconnecting), so it need not be
     * frequent: every 20 s costs an idle worker 0.05 commands/s.
     */
    public Duration runOnce() {
        Set<String> known = Set.copyOf(revoked);
        reloaded(known, broker.revokedAt(clock.instant()));
        return RELOAD;
    }

    /**
     * Applies a reload: adds what the broker holds, and forgets only ids known before it was read
     * that it no longer holds (expired). An id announced while the broker was being read is not in
     * {@code known} and stays, although the read may have missed it.
     */
    void reloaded(Set<String> known, Set<String> current) {
        for (String id : known) {
            if (!current.contains(id)) {
                revoked.remove(id);
            }
        }
        revoked.addAll(current);
    }

    /** As an announcement does, for tests. */
    void announced(String taskId) {
        revoked.add(taskId);
    }

    /** Known here at once (the broker's announcement follows). */
    void announcedLocally(String taskId) {
        revoked.add(taskId);
    }

    public void stop() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.atDebug().addKeyValue("error", e.toString()).log("could not stop listening for revocations");
            }
        }
    }
}
