package io.celeriac;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.Objects;

/**
 * A task declared once, by name, with the type of its argument and of its result, and used by both
 * sides: the sender ({@link Celeriac#send(Task, Object)}) and the worker
 * ({@link CeleriacWorker.Builder#task(Task, TaskFunction)}). The argument travels as the message's
 * one positional argument, written by Jackson (records welcome), so a Python sender passes the same
 * JSON: {@code send_task(name, args=[{...}])}.
 *
 * @param <A> the argument's type ({@link Void} for a task without one)
 * @param <R> the result's type ({@link Void} for none)
 */
public final class Task<A, R> {
    private final String name;
    private final JavaType argument;
    private final JavaType result;
    private final TaskSettings settings;

    private Task(String name, JavaType argument, JavaType result, TaskSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a task name must not be blank");
        }
        this.argument = argument;
        this.result = result;
        this.settings = settings;
    }

    public static <A, R> Task<A, R> of(String name, Class<A> argument, Class<R> result) {
        TypeFactory types = TypeFactory.defaultInstance();
        return new Task<>(name, types.constructType(argument), types.constructType(result), TaskSettings.defaults());
    }

    /** For generic types: {@code Task.of("x", new TypeReference<List<Item>>() {}, new TypeReference<Map<String, Long>>() {})}. */
    public static <A, R> Task<A, R> of(String name, TypeReference<A> argument, TypeReference<R> result) {
        TypeFactory types = TypeFactory.defaultInstance();
        return new Task<>(name, types.constructType(argument), types.constructType(result), TaskSettings.defaults());
    }

    /** The same task with other settings (queue, retries, time limit...), e.g. {@code GREET.settings(s -> s.queue("mail"))}. */
    public Task<A, R> settings(java.util.function.UnaryOperator<TaskSettings> change) {
        return new Task<>(name, argument, result, change.apply(settings));
    }

    public TaskSettings settings() {
        return settings;
    }

    public String name() {
        return name;
    }

    /** The argument's type, for binding (internal use by the runtime). */
    public JavaType argumentType() {
        return argument;
    }

    /** The result's type, for reading results back (internal use by the runtime). */
    public JavaType resultType() {
        return result;
    }

    /** This task with {@code argument}: a step of a chain or a member of a group. */
    public Signature<R> with(A argument) {
        return Signature.of(this, argument);
    }

    /** This task as a step of a chain that takes its argument from the previous step's result. */
    public Signature<R> partial() {
        return Signature.partial(this);
    }

    @Override
    public String toString() {
        return "Task[" + name + ": " + argument.getRawClass().getSimpleName() + " -> " + result.getRawClass().getSimpleName() + "]";
    }
}
