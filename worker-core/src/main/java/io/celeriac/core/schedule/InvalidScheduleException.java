package io.celeriac.core.schedule;

import io.celeriac.core.CeleriacException;

/** A schedule that cannot be built; {@link #field()} names the input at fault ({@code cron}, {@code every}, {@code timezone}). */
public final class InvalidScheduleException extends CeleriacException {
    private final String field;

    public InvalidScheduleException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidScheduleException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
