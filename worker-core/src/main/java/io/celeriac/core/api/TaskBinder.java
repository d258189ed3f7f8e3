package io.celeriac.core.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.Task;
import io.celeriac.TaskContext;
import io.celeriac.TaskFunction;
import io.celeriac.core.internal.LogSafe;
import io.celeriac.core.task.TaskArgumentException;
import io.celeriac.core.task.TaskHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a Celery message's arguments to a typed task or to a {@code @CeleriacTask} method, with
 * Python's call rules: positional arguments in order, keyword arguments by parameter name, nothing
 * missing, nothing extra, each value converted by Jackson to the parameter's type. A call that does
 * not fit is a {@link TaskArgumentException} naming the parameter and the type it needed.
 */
final class TaskBinder {
    private TaskBinder() {
    }

    /**
     * A typed task's argument: the one positional argument, or (from a sender who passed the fields
     * as keyword arguments, as Python callers like to) the keyword arguments as one object.
     */
    static <A, R> TaskHandler typed(Task<A, R> task, TaskFunction<A, R> body, ObjectMapper json) {
        JavaType type = task.argumentType();
        boolean none = type.getRawClass() == Void.class;
        return ctx -> {
            ArrayNode args = ctx.args();
            ObjectNode kwargs = ctx.kwargs();
            A argument;
            if (none && args.isEmpty() && kwargs.isEmpty()) {
                argument = null;
            } else if (args.size() == 1 && kwargs.isEmpty()) {
                argument = convert(json, args.get(0), type, task.name(), "its argument");
            } else if (args.isEmpty() && !kwargs.isEmpty() && !none) {
                argument = convert(json, kwargs, type, task.name(), "its keyword arguments");
            } else {
                throw new TaskArgumentException(task.name() + "() takes " + (none ? "no arguments" : "1 argument (a "
                        + type.getRawClass().getSimpleName() + ")") + " but got " + args.size() + " positional and "
                        + kwargs.size() + " keyword");
            }
            return body.apply(argument, new PublicContext(ctx));
        };
    }

    /** A {@code @CeleriacTask} method of {@code bean}. */
    static TaskHandler method(String name, Object bean, Method method, ObjectMapper json) {
        method.setAccessible(true);
        Parameter[] parameters = method.getParameters();
        List<Integer> bound = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getType() != TaskContext.class) {
                bound.add(i);
            }
        }
        return ctx -> {
            Object[] values = new Object[parameters.length];
            ArrayNode args = ctx.args();
            ObjectNode kwargs = ctx.kwargs();
            if (args.size() > bound.size()) {
                throw new TaskArgumentException(name + "() takes " + bound.size() + " positional argument"
                        + (bound.size() == 1 ? "" : "s") + " but " + args.size() + " were given");
            }
            Set<String> unknown = new LinkedHashSet<>();
            kwargs.fieldNames().forEachRemaining(unknown::add);
            for (int slot = 0; slot < bound.size(); slot++) {
                Parameter parameter = parameters[bound.get(slot)];
                JsonNode value;
                if (slot < args.size()) {
                    value = args.get(slot);
                    if (kwargs.has(parameter.getName())) {
                        throw new TaskArgumentException(name + "() got multiple values for argument '" + parameter.getName() + "'");
                    }
                } else if (kwargs.has(parameter.getName())) {
                    value = kwargs.get(parameter.getName());
                    unknown.remove(parameter.getName());
                } else if (parameter.getType() == Optional.class) {
                    values[bound.get(slot)] = Optional.empty();
                    continue;
                } else {
                    throw new TaskArgumentException(name + "() missing required argument '" + parameter.getName() + "' (a "
                            + parameter.getType().getSimpleName() + ")");
                }
                values[bound.get(slot)] = bind(json, value, parameter, name);
            }
            if (!unknown.isEmpty()) {
                Iterator<String> first = unknown.iterator();
                throw new TaskArgumentException(name + "() got an unexpected keyword argument '" + LogSafe.of(first.next(), 60) + "'");
            }
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].getType() == TaskContext.class) {
                    values[i] = new PublicContext(ctx);
                }
            }
            try {
                return method.invoke(bean, values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
            }
        };
    }

    /** An argument as its parameter's type; an {@code Optional<T>} parameter (one the call may leave out) as a T. */
    private static Object bind(ObjectMapper json, JsonNode value, Parameter parameter, String task) {
        String what = "argument '" + parameter.getName() + "'";
        JavaType type = json.constructType(parameter.getParameterizedType());
        if (parameter.getType() == Optional.class) {
            JavaType inner = type.containedTypeOrUnknown(0);
            return value.isNull() ? Optional.empty() : Optional.ofNullable(convert(json, value, inner, task, what));
        }
        return convert(json, value, type, task, what);
    }

    private static <T> T convert(ObjectMapper json, JsonNode value, JavaType type, String task, String what) {
        try {
            return json.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new TaskArgumentException(task + "(): " + what + " is not a " + type.getRawClass().getSimpleName() + ": "
                    + LogSafe.of(rootMessage(e), 200));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.toString() : root.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
