package io.celeriac.core.task;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Task definitions by name. Thread-safe; filled at start, read by every worker thread. */
public final class TaskRegistry {
    private final Map<String, TaskDefinition> tasks = new ConcurrentHashMap<>();
    private final java.util.Set<Class<?>> components = new java.util.LinkedHashSet<>();

    /** Registers a task; a second task of the same name is a programming error. */
    public TaskRegistry register(String name, TaskOptions options, TaskHandler handler) {
        TaskDefinition definition = new TaskDefinition(name, handler, options);
        if (tasks.putIfAbsent(name, definition) != null) {
            throw new IllegalStateException("task " + name + " is registered twice");
        }
        return this;
    }

    public TaskRegistry register(String name, TaskHandler handler) {
        return register(name, TaskOptions.defaults(), handler);
    }

    public Optional<TaskDefinition> find(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    /** Registered names, sorted. */
    public Collection<String> names() {
        return new TreeMap<>(tasks).keySet();
    }

    /** The component types the registered modules use ({@link TaskModule#components()}). */
    public java.util.Set<Class<?>> components() {
        return java.util.Set.copyOf(components);
    }

    /** A registry holding the tasks of every {@link TaskModule} on the class path. */
    public static TaskRegistry fromModules(ModuleContext context) {
        TaskRegistry registry = new TaskRegistry();
        for (TaskModule module : ServiceLoader.load(TaskModule.class)) {
            module.register(registry, context);
            registry.components.addAll(module.components());
        }
        return registry;
    }
}
