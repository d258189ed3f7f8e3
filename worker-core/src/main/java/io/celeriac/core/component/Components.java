package io.celeriac.core.component;

import io.celeriac.core.config.ConfigException;
import io.celeriac.core.health.HealthCheck;
import io.celeriac.core.task.ModuleContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A process's components: every {@link ComponentProvider} on the class path, each opened on first
 * use (a process whose tasks never ask for one never connects to it) and closed with the process.
 */
public final class Components implements AutoCloseable {
    private final Map<Class<?>, ComponentProvider<?>> providers = new LinkedHashMap<>();
    private final Map<Class<?>, Object> open = new LinkedHashMap<>();

    private Components(List<ComponentProvider<?>> found) {
        found.forEach(provider -> providers.put(provider.type(), provider));
    }

    /** The class path's providers, their settings checked: a bad one throws {@link ConfigException}. */
    public static Components load(Settings settings) {
        List<ComponentProvider<?>> found = new ArrayList<>();
        for (ComponentProvider<?> provider : ServiceLoader.load(ComponentProvider.class)) {
            try {
                provider.check(settings);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            found.add(provider);
        }
        return new Components(found);
    }

    /** The component of {@code type}, opened now if it is not yet. */
    public synchronized <T> T get(Class<T> type, ModuleContext context) {
        Object component = open.get(type);
        if (component == null) {
            component = provider(type).open(context);
            open.put(type, component);
        }
        return type.cast(component);
    }

    /** Whether the component of {@code type} has been opened. */
    public synchronized boolean isOpen(Class<?> type) {
        return open.containsKey(type);
    }

    /**
     * Ready while the component of {@code type} opens and answers; opens it on the first probe, so
     * a process whose tasks need it is not ready before it could serve them.
     */
    public HealthCheck readiness(Class<?> type, ModuleContext context) {
        ComponentProvider<?> provider = provider(type);
        return new HealthCheck() {
            @Override
            public String name() {
                return provider.name();
            }

            @Override
            public String problem() {
                return problemOf(provider, context);
            }
        };
    }

    private <T> String problemOf(ComponentProvider<T> provider, ModuleContext context) {
        T component;
        try {
            component = get(provider.type(), context);
        } catch (RuntimeException e) {
            return "cannot open: " + e.getMessage();
        }
        return provider.problem(component);
    }

    @SuppressWarnings("unchecked")
    private <T> ComponentProvider<T> provider(Class<T> type) {
        ComponentProvider<?> provider = providers.get(type);
        if (provider == null) {
            throw new IllegalStateException("no component provider for " + type.getName()
                    + " on the class path (is its module a dependency?)");
        }
        return (ComponentProvider<T>) provider;
    }

    @Override
    public synchronized void close() {
        for (Map.Entry<Class<?>, Object> entry : open.entrySet()) {
            closeOne(provider(entry.getKey()), entry.getValue());
        }
        open.clear();
    }

    private static <T> void closeOne(ComponentProvider<T> provider, Object component) {
        provider.close(provider.type().cast(component));
    }
}
