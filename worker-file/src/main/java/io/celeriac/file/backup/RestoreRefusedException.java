package io.celeriac.file.backup;

import io.celeriac.core.CeleriacException;

/** A restore did not start because its target is not empty, lacks a table, or the archive does not verify. Nothing was changed. */
public final class RestoreRefusedException extends CeleriacException {
    public RestoreRefusedException(String message) {
        super(message);
    }
}
