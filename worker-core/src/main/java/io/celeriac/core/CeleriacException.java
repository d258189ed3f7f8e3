package io.celeriac.core;

/** The one unchecked base of every exception Celeriac throws; subclasses are named after what failed. */
public class CeleriacException extends RuntimeException {
    public CeleriacException(String message) {
        super(message);
    }

    public CeleriacException(String message, Throwable cause) {
        super(message, cause);
    }
}
