package io.celeriac.email.outbox;

import io.celeriac.core.CeleriacException;

/** An operator's decision that cannot apply: no such message, or not in a state it applies to. Nothing was changed. */
public final class OutboxDecisionException extends CeleriacException {
    public OutboxDecisionException(String message) {
        super(message);
    }
}
