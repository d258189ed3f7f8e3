package io.celeriac;

import java.time.Duration;

/**
 * A worker inside your application: consumes queues and runs the tasks given to its builder,
 * sharing the application's lifecycle ({@link #close()} is a warm stop: running tasks finish within
 * the shutdown timeout, the rest go back to their queues), its Micrometer registry and its logging.
 *
 * <pre>{@code
 * CeleriacWorker worker = CeleriacWorker.builder("redis://localhost:6379/0")
 *         .queues("celery", "reports").concurrency(4)
 *         .task(GREET, (greeting, context) -> "Hello, " + greeting.name())
 *         .tasks(new Reports())          // @CeleriacTask methods
 *         .start();
 * }</pre>
 */
public interface CeleriacWorker extends AutoCloseable {

    static WorkerBuilder builder(String brokerUrl) {
        return new WorkerBuilder(brokerUrl);
    }

    /** Its node name, unique among live workers. */
    String name();

    /** The names of the tasks it runs. */
    java.util.Collection<String> tasks();

    /** Blocks until it stopped (by {@link #close()}, a fatal error or max tasks per child); true if it did in time. */
    boolean awaitStopped(Duration timeout) throws InterruptedException;

    /** Warm stop; returns once the worker has left. */
    @Override
    void close();
}
