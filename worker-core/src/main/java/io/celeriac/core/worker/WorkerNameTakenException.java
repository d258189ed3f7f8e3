package io.celeriac.core.worker;

import io.celeriac.core.CeleriacException;
import java.time.Duration;

/** Another live worker already uses this node name. */
public final class WorkerNameTakenException extends CeleriacException {
    public WorkerNameTakenException(String name, Duration sinceBeat) {
        super("a live worker named " + name + " sent a heartbeat " + sinceBeat.toMillis()
                + " ms ago; give this one another --hostname");
    }
}
