package io.celeriac.core.routing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Maps task names to queues; an explicit queue on send wins over any route. */
public final class Router {
    private final List<Route> routes;
    private final List<Pattern> patterns;
    private final String defaultQueue;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public Router(List<Route> routes, String defaultQueue) {
        this.routes = List.copyOf(routes);
        this.patterns = this.routes.stream().map(Route::compile).toList();
        this.defaultQueue = QueueNames.validate(defaultQueue);
    }

    public String defaultQueue() {
        return defaultQueue;
    }

    public List<Route> routes() {
        return routes;
    }

    /** The queue for {@code taskName}: the first matching route's, else the default queue. */
    public String route(String taskName) {
        return cache.computeIfAbsent(taskName, this::match);
    }

    /** {@code explicitQueue} when given, else {@link #route(String)}. */
    public String route(String taskName, String explicitQueue) {
        return explicitQueue == null || explicitQueue.isBlank() ? route(taskName) : explicitQueue;
    }

    private String match(String taskName) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(taskName).matches()) {
                return routes.get(i).queue();
            }
        }
        return defaultQueue;
    }
}
