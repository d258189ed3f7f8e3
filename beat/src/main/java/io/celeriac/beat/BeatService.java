package io.celeriac.beat;

import io.celeriac.core.app.Application;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.internal.NodeName;
import io.celeriac.core.loop.ServiceLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running beat: syncs the config's entries into Redis, runs the {@link Beat} loop on a
 * {@link ServiceLoop}, and wakes it on every change notification. Closing gives the lease up.
 */
public final class BeatService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BeatService.class);

    private final Beat beat;
    private final ServiceLoop loop;
    private final AutoCloseable changes;

    private BeatService(Beat beat, ServiceLoop loop, AutoCloseable changes) {
        this.beat = beat;
        this.loop = loop;
        this.changes = changes;
    }

    /** Starts a beat replica of {@code app} with {@code config} (already validated). */
    public static BeatService start(Application app, BeatConfig config) {
        return start(app, config, EntryFirer.FireListener.NONE);
    }

    /** As {@link #start(Application, BeatConfig)}, reporting every occurrence to {@code listener}. */
    public static BeatService start(Application app, BeatConfig config, EntryFirer.FireListener fireListener) {
        String token = "beat-" + NodeName.pid() + "@" + NodeName.host() + "-" + Ids.uuid(app.random()).substring(0, 8);
        Beat beat = Beat.of(app, config.settings(), token, fireListener);
        ConfigSync.apply(beat.store(), config.entries(), beat.store().now());
        ServiceLoop loop = new ServiceLoop("beat", beat);
        AutoCloseable changes = beat.store().onChange(loop::wake);
        loop.start();
        log.atInfo().addKeyValue("token", token).addKeyValue("entries", config.entries().size())
                .addKeyValue("lease_timeout_ms", config.settings().leaseTimeout().toMillis()).log("beat started");
        return new BeatService(beat, loop, changes);
    }

    public Beat beat() {
        return beat;
    }

    /** The scheduling loop, for liveness checks. */
    public ServiceLoop loop() {
        return loop;
    }

    @Override
    public void close() {
        try {
            changes.close();
        } catch (Exception e) {
            log.atDebug().addKeyValue("error", e.toString()).log("could not stop listening for schedule changes");
        }
        loop.close();
        beat.stop();
        log.atInfo().log("beat stopped");
    }
}
