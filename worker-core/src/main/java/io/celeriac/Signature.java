package io.celeriac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task call that is not sent yet: a step of a chain or a member of a group (Celery's
 * signature). From a typed task, {@code GREET.with(greeting)} is complete on its own (immutable:
 * a chain does not pass it the previous result) and {@link Task#partial()} takes its argument from
 * the previous step of a chain.
 *
 * @param <R> the type of its result
 */
public final class Signature<R> {
    private final String task;
    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final boolean immutable;
    private final Options options;
    private final com.fasterxml.jackson.databind.JavaType resultType;

    private Signature(String task, List<Object> args, Map<String, Object> kwargs, boolean immutable, Options options,
                      com.fasterxml.jackson.databind.JavaType resultType) {
        this.task = Objects.requireNonNull(task, "task");
        this.args = args;
        this.kwargs = kwargs;
        this.immutable = immutable;
        this.options = options;
        this.resultType = resultType;
    }

    static <A, R> Signature<R> of(Task<A, R> task, A argument) {
        List<Object> args = new ArrayList<>(1);
        args.add(argument);
        return new Signature<>(task.name(), args, Map.of(), true, Options.defaults().queue(task.settings().queue()), task.resultType());
    }

    static <R> Signature<R> partial(Task<?, R> task) {
        return new Signature<>(task.name(), List.of(), Map.of(), false, Options.defaults().queue(task.settings().queue()), task.resultType());
    }

    /** Any task by name (a Python one, say), its result read as JSON. */
    public static Signature<com.fasterxml.jackson.databind.JsonNode> of(String task, List<?> args, Map<String, ?> kwargs) {
        return new Signature<>(task, new ArrayList<>(args), Map.copyOf(kwargs), false, Options.defaults(),
                com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance().constructType(com.fasterxml.jackson.databind.JsonNode.class));
    }

    /** The same call with these send options (queue, priority, countdown...). */
    public Signature<R> options(Options newOptions) {
        return new Signature<>(task, args, kwargs, immutable, newOptions, resultType);
    }

    /** The same call, never given the previous step's result. */
    public Signature<R> immutable() {
        return new Signature<>(task, args, kwargs, true, options, resultType);
    }

    public String task() {
        return task;
    }

    /** Positional arguments (a null stands for JSON null). */
    public List<Object> args() {
        return java.util.Collections.unmodifiableList(args);
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    public boolean isImmutable() {
        return immutable;
    }

    public Options options() {
        return options;
    }

    /** The result's type (internal use by the runtime). */
    public com.fasterxml.jackson.databind.JavaType resultType() {
        return resultType;
    }
}
