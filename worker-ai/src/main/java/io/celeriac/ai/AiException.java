package io.celeriac.ai;

import io.celeriac.core.CeleriacException;

/** The AI module's base exception; subclasses are named after what failed. */
public class AiException extends CeleriacException {
    public AiException(String message) {
        super(message);
    }

    public AiException(String message, Throwable cause) {
        super(message, cause);
    }
}
