package io.celeriac.beat;

import io.celeriac.beat.redis.BeatLease;
import io.celeriac.beat.redis.BeatStore;
import io.celeriac.beat.redis.StoredEntry;
import io.celeriac.core.app.Application;
import io.celeriac.core.loop.LoopBody;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beat loop. One pass:
 *
 * <ol>
 *   <li>take or extend the leader lease, which also reads the pass's time ({@link BeatTime}: Redis's
 *       clock in production); a standby stops here and checks again after one heartbeat;</li>
 *   <li>reload the entries if the change counter moved, leadership was just won, or the last pass
 *       fired something;</li>
 *   <li>fire every enabled entry whose due time has come at the pass's time ({@link EntryFirer}:
 *       claim, then send);</li>
 *   <li>sleep until the earliest due time, at most one heartbeat (which renews the lease and
 *       catches a change whose notification was lost); a change notification wakes it sooner.</li>
 * </ol>
 * Tests call {@link #runOnce()} directly with a manual clock; {@link BeatService} runs it in production.
 */
public final class Beat implements LoopBody {
    private static final Logger log = LoggerFactory.getLogger(Beat.class);

    private final BeatStore store;
    private final BeatLease lease;
    private final EntryFirer firer;
    private final BeatTime time;
    private final BeatSettings settings;
    private BeatStore.Snapshot snapshot = new BeatStore.Snapshot(-1, List.of());
    private boolean leader;
    private boolean reload = true;

    public Beat(BeatStore store, BeatLease lease, EntryFirer firer, BeatTime time, BeatSettings settings) {
        this.store = store;
        this.lease = lease;
        this.firer = firer;
        this.time = time;
        this.settings = settings;
    }

    /** A beat of {@code app} (its Redis, random source and client; Redis's clock) holding lease token {@code token}. */
    public static Beat of(Application app, BeatSettings settings, String token) {
        return of(app, settings, token, EntryFirer.FireListener.NONE);
    }

    /** As {@link #of(Application, BeatSettings, String)}, telling {@code listener} of every occurrence handled. */
    public static Beat of(Application app, BeatSettings settings, String token, EntryFirer.FireListener listener) {
        BeatStore store = BeatStore.of(app);
        BeatLease lease = new BeatLease(app.redis(), store.keys(), token, settings.leaseTimeout());
        EntryFirer firer = new EntryFirer(store, app.client(), app.random(), settings, token).listener(listener);
        return new Beat(store, lease, firer, BeatTime.REDIS, settings);
    }

    @Override
    public synchronized Duration runOnce() {
        BeatLease.Status status = time instanceof BeatTime.Given given
                ? lease.acquireOrRenew(given.clock().instant()) : lease.acquireOrRenew();
        Instant now = status.now();
        if (!status.held()) {
            if (leader) {
                log.atWarn().addKeyValue("owner", status.owner()).log("lost the beat leader lease; standing by");
            }
            leader = false;
            return settings.heartbeat();
        }
        if (!leader) {
            log.atInfo().addKeyValue("token", lease.token()).addKeyValue("lease_expires", status.expires())
                    .log("became the beat leader");
            leader = true;
            reload = true;
        }
        if (reload || store.version() != snapshot.version()) {
            snapshot = store.readAll();
            reload = false;
        }
        boolean sendFailed = false;
        for (StoredEntry stored : snapshot.entries()) {
            if (isDue(stored, now)) {
                reload = true;
                EntryFirer.Outcome outcome = firer.fire(stored, now);
                if (outcome == EntryFirer.Outcome.NOT_LEADER) {
                    leader = false;
                    return settings.heartbeat();
                }
                sendFailed |= outcome == EntryFirer.Outcome.RETURNED || outcome == EntryFirer.Outcome.SEND_FAILED;
            }
        }
        if (sendFailed) {
            // the broker refuses messages: try again after a heartbeat, not in a tight loop
            return settings.heartbeat();
        }
        return reload ? Duration.ZERO : untilNextDue(now);
    }

    private static boolean isDue(StoredEntry stored, Instant now) {
        return stored.enabled() && stored.state().next() != null && !stored.state().next().isAfter(now);
    }

    private Duration untilNextDue(Instant now) {
        Duration wait = settings.heartbeat();
        for (StoredEntry stored : snapshot.entries()) {
            if (stored.enabled() && stored.state().next() != null) {
                Duration until = Duration.between(now, stored.state().next());
                if (until.compareTo(wait) < 0) {
                    wait = until.isNegative() ? Duration.ZERO : until;
                }
            }
        }
        return wait;
    }

    /** Whether the last pass held the lease. */
    public synchronized boolean isLeader() {
        return leader;
    }

    /** Gives the lease up (on a clean stop), so a standby takes over at once. */
    public synchronized void stop() {
        if (leader) {
            lease.release();
            leader = false;
        }
    }

    public BeatStore store() {
        return store;
    }
}
