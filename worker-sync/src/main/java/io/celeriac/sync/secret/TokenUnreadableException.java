package io.celeriac.sync.secret;

import io.celeriac.sync.SyncException;

/**
 * A stored token that does not decrypt: another key, or an altered value. Retrying cannot help,
 * so the sync marks the source as needing attention. The message never holds the value.
 */
public final class TokenUnreadableException extends SyncException {
    public TokenUnreadableException(String message) {
        super(message);
    }
}
