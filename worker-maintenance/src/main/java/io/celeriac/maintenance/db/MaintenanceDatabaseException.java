package io.celeriac.maintenance.db;

import io.celeriac.core.CeleriacException;

/** A maintenance statement failed (the task's retry policy decides what follows). */
public final class MaintenanceDatabaseException extends CeleriacException {
    public MaintenanceDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
