package io.celeriac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The client: sends tasks (typed or by name, one by one, as chains or groups) and reads their
 * results. Thread-safe; one per application; {@link #close()} releases its connections.
 *
 * <pre>{@code
 * try (Celeriac celeriac = Celeriac.connect("redis://localhost:6379/0")) {
 *     TaskResult<String> result = celeriac.send(GREET, new Greeting("Ada", "en"));
 *     result.future().thenAccept(System.out::println);
 * }
 * }</pre>
 */
public interface Celeriac extends AutoCloseable {

    /** A client on {@code brokerUrl} ({@code redis://[user:password@]host:port/db}, {@code rediss://...}) with the defaults. */
    static Celeriac connect(String brokerUrl) {
        return builder(brokerUrl).build();
    }

    /** A client with options: routes, key prefixes, the result expiry, a clock. */
    static ClientBuilder builder(String brokerUrl) {
        return new ClientBuilder(brokerUrl);
    }

    default <A, R> TaskResult<R> send(Task<A, R> task, A argument) {
        return send(task.with(argument));
    }

    default <A, R> TaskResult<R> send(Task<A, R> task, A argument, Options options) {
        return send(task.with(argument).options(options));
    }

    /** Sends one signature. */
    <R> TaskResult<R> send(Signature<R> signature);

    /** Any task by name with Celery's positional and keyword arguments; its result as JSON. */
    default TaskResult<JsonNode> send(String task, List<?> args, Map<String, ?> kwargs, Options options) {
        return send(Signature.of(task, args, kwargs).options(options));
    }

    /**
     * Sends a chain: each step runs after the one before succeeds and, unless immutable, gets its
     * result as its first argument (Celery's {@code chain}). Returns the last step's result.
     */
    <R> TaskResult<R> chain(List<Signature<?>> steps, Signature<R> last);

    /** Sends a group: every member at once, their results collected in order (Celery's {@code group}). */
    <R> GroupResult<R> group(List<Signature<R>> members);

    /**
     * Sends a chord: every header member at once, and the body when all of them have ended, with
     * their results (in header order) as its argument: {@code chord(header, SUM.partial())}
     * (Celery's {@code chord}). Runs on any mix of Celeriac and Python workers; a header member that
     * fails fails the body with Celery's ChordError. Returns the body's result.
     */
    <P, R> TaskResult<R> chord(List<Signature<P>> header, Signature<R> body);

    /** A new batch of tasks with callbacks (see {@link Batch}). */
    default BatchBuilder batch() {
        throw new UnsupportedOperationException("this client keeps no batches");
    }

    /** A batch opened earlier (by anyone), by its id: to read its status or add to it. */
    default Batch batch(String id) {
        throw new UnsupportedOperationException("this client keeps no batches");
    }

    /** The result of a task sent earlier (by anyone), read as {@code type}. */
    <R> TaskResult<R> result(String taskId, Class<R> type);

    @Override
    void close();
}
