package io.celeriac.sync.secret;

import io.celeriac.sync.SyncException;

/**
 * A token must be encrypted or decrypted and no {@code CELERIAC_SECRET_KEY} is configured: a
 * problem of this process's configuration, not of the source, so the CLI exits 2 and the sync
 * records it and tries again on the next run (the source stays active).
 */
public final class SecretKeyMissingException extends SyncException {
    public SecretKeyMissingException(String message) {
        super(message);
    }
}
