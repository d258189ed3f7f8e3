package io.celeriac.ai;

/** Input that cannot make a task; {@link #field()} names the field at fault, and nothing was written. */
public final class InvalidAiTaskException extends AiException {
    private final String field;

    public InvalidAiTaskException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
