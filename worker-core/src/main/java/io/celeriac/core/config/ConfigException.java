package io.celeriac.core.config;

import io.celeriac.core.CeleriacException;

/** Configuration that cannot work; the CLI prints it and exits with code 2. */
public final class ConfigException extends CeleriacException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
