package io.celeriac.core.task;

/**
 * A module's contribution of tasks, found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.celeriac.core.task.TaskModule}. worker-core knows
 * no module; a worker runs every task of every module on its class path.
 */
public interface TaskModule {

    /** A short name for logs and {@code inspect registered}. */
    String name();

    /** Registers the module's tasks. Called once per process, before any task runs. */
    void register(TaskRegistry registry, ModuleContext context);

    /**
     * The component types its tasks use ({@link ModuleContext#component}): a worker serving this
     * module checks each before it reports ready. None by default.
     */
    default java.util.List<Class<?>> components() {
        return java.util.List.of();
    }
}
