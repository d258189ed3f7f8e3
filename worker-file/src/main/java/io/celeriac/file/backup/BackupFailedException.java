package io.celeriac.file.backup;

import io.celeriac.core.CeleriacException;

/** A backup, restore or verification could not read or write what it needed (I/O or database error). */
public final class BackupFailedException extends CeleriacException {
    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
