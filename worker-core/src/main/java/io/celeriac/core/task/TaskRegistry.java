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
    /** Per component type, the names of the tasks whose modules use it. */
    private final Map<Class<?>, java.util.Set<String>> componentTasks = new ConcurrentHashMap<>();

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

    /**
     * The component types used by the modules with at least one task that {@code served} accepts:
     * what a worker consuming some queues needs before it can run what arrives there.
     */
    public java.util.Set<Class<?>> componentsServing(java.util.function.Predicate<String> served) {
        java.util.Set<Class<?>> used = new java.util.HashSet<>();
        componentTasks.forEach((component, names) -> {
            if (names.stream().anyMatch(served)) {
                used.add(component);
            }
        });
        return used;
    }

    /** A registry holding the tasks of every {@link TaskModule} on the class path. */
    public static TaskRegistry fromModules(ModuleContext context) {
        TaskRegistry registry = new TaskRegistry();
        for (TaskModule module : ServiceLoader.load(TaskModule.class)) {
            registry.add(module, context);
        }
        return registry;
    }

    /** Registers {@code module}'s tasks, remembering which of them use which components. */
    public TaskRegistry add(TaskModule module, ModuleContext context) {
        java.util.Set<String> before = new java.util.HashSet<>(tasks.keySet());
        module.register(this, context);
        components.addAll(module.components());
        for (Class<?> component : module.components()) {
            java.util.Set<String> added = componentTasks.computeIfAbsent(component, c -> ConcurrentHashMap.newKeySet());
            tasks.keySet().stream().filter(name -> !before.contains(name)).forEach(added::add);
        }
        return this;
    }
}
