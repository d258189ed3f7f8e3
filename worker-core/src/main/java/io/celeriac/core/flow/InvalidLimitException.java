package io.celeriac.core.flow;

import io.celeriac.core.CeleriacException;

/** A rate, concurrency or key of a flow limit that cannot work; at registration or config load (CLI exit 2). */
public final class InvalidLimitException extends CeleriacException {
    public InvalidLimitException(String message) {
        super(message);
    }
}
