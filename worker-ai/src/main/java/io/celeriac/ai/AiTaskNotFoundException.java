package io.celeriac.ai;

/** No task (or user) with that id. */
public final class AiTaskNotFoundException extends AiException {
    public AiTaskNotFoundException(String what, long id) {
        super("no " + what + " with id " + id);
    }
}
