package io.celeriac.ai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.task.Retry;
import io.celeriac.core.task.TaskContext;
import java.time.Clock;
import java.time.Duration;

/**
 * What a task handler sees when a test runs it in its own thread instead of through a worker: the
 * positional arguments given, the attempt's retry count, and the application's sender and clock.
 * {@link #retry} builds the exception as the worker's context does; the test reads it.
 */
final class HandlerContext implements TaskContext {
    private final Application app;
    private final int retries;
    private final ArrayNode args = JsonNodeFactory.instance.arrayNode();

    HandlerContext(Application app, int retries, long... args) {
        this.app = app;
        this.retries = retries;
        for (long arg : args) {
            this.args.add(arg);
        }
    }

    @Override
    public String taskId() {
        return "test-" + retries;
    }

    @Override
    public String taskName() {
        return "test";
    }

    @Override
    public int retries() {
        return retries;
    }

    @Override
    public String queue() {
        return "ai_tasks";
    }

    @Override
    public String hostname() {
        return "test@localhost";
    }

    @Override
    public ArrayNode args() {
        return args;
    }

    @Override
    public ObjectNode kwargs() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public <T> T arg(int index, Class<T> type) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("no argument " + index);
        }
        return app.json().convertValue(args.get(index), type);
    }

    @Override
    public <T> T kwarg(String name, Class<T> type, T fallback) {
        return fallback;
    }

    @Override
    public Retry retry(Duration countdown, Throwable cause) {
        return new Retry(countdown, cause);
    }

    @Override
    public TaskSender sender() {
        return app.sender();
    }

    @Override
    public Clock clock() {
        return app.clock();
    }

    @Override
    public void updateState(String state, Object meta) {
        // the AI handlers record no interim states; a test that runs one outside a worker stores nothing
    }
}
