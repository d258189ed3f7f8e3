package io.celeriac.email.outbox;

import io.celeriac.core.CeleriacException;

/**
 * The message was committed to the server (the end of DATA went out) and no answer came: the
 * connection was lost or the answer timed out. The server may have accepted it, so it must not be
 * sent again without someone deciding. {@link #detail()} says what is known; it is stored on the
 * outbox row.
 */
public final class SendOutcomeUnknownException extends CeleriacException {
    private final String detail;

    public SendOutcomeUnknownException(String detail, Throwable cause) {
        super("outcome unknown: " + detail, cause);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }
}
