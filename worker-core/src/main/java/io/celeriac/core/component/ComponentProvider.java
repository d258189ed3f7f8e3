package io.celeriac.core.component;

import io.celeriac.core.task.ModuleContext;

/**
 * Builds one kind of component for a process, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.core.component.ComponentProvider}). A process opens it on
 * first use, at most once, and closes it when the process ends.
 *
 * @param <T> the component's type, which modules ask for with {@code ModuleContext.component}
 */
public interface ComponentProvider<T> {

    /** The type modules ask for. */
    Class<T> type();

    /** Short name for readiness reports and errors, e.g. {@code postgresql}. */
    String name();

    /**
     * Rejects settings that cannot work with an {@link IllegalArgumentException} whose message says
     * why; called when the process starts, before anything connects, so a bad setting fails at once.
     */
    default void check(Settings settings) {
    }

    /** Builds the component (connecting, migrating, ...) from the context's settings. */
    T open(ModuleContext context);

    /** What is wrong with an open component right now, or null; must answer within about a second. */
    default String problem(T component) {
        return null;
    }

    void close(T component);
}
