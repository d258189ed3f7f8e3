package io.celeriac.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.CeleriacTask;
import io.celeriac.TaskSettings;
import io.celeriac.core.task.AckMode;
import io.celeriac.core.task.TaskOptions;
import io.celeriac.core.task.TaskRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;

/** Registers typed tasks and {@code @CeleriacTask} methods in the engine's registry. */
public final class TypedTasks {
    private TypedTasks() {
    }

    public static void register(TaskRegistry registry, WorkerSetup setup, ObjectMapper json) {
        for (WorkerSetup.Typed<?, ?> typed : setup.typed) {
            registerTyped(registry, typed, json);
        }
        for (Object bean : setup.beans) {
            registerBean(registry, bean, json);
        }
    }

    private static <A, R> void registerTyped(TaskRegistry registry, WorkerSetup.Typed<A, R> typed, ObjectMapper json) {
        registry.register(typed.task().name(), options(typed.task().settings()), TaskBinder.typed(typed.task(), typed.body(), json));
    }

    /** Every {@link CeleriacTask} method of {@code bean} (public or not, its class's own and inherited). */
    public static int registerBean(TaskRegistry registry, Object bean, ObjectMapper json) {
        int found = 0;
        for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                CeleriacTask annotation = method.getAnnotation(CeleriacTask.class);
                if (annotation == null || method.isBridge()) {
                    continue;
                }
                if (Modifier.isStatic(method.getModifiers())) {
                    throw new IllegalArgumentException("@CeleriacTask " + annotation.value() + " is on a static method: put it on an instance method");
                }
                registry.register(annotation.value(), options(annotation), TaskBinder.method(annotation.value(), bean, method, json));
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException(bean.getClass().getName() + " has no @CeleriacTask method");
        }
        return found;
    }

    static TaskOptions options(TaskSettings settings) {
        TaskOptions options = TaskOptions.defaults().maxRetries(settings.maxRetries()).ignoreResult(settings.ignoreResult())
                .trackStarted(settings.trackStarted()).timeLimit(settings.timeLimit()).resultExpires(settings.resultExpires());
        return settings.ackEarly() ? options.ackMode(AckMode.EARLY) : options;
    }

    static TaskOptions options(CeleriacTask annotation) {
        TaskSettings settings = TaskSettings.defaults().maxRetries(annotation.maxRetries()).ackEarly(annotation.ackEarly())
                .ignoreResult(annotation.ignoreResult()).trackStarted(annotation.trackStarted())
                .timeLimit(annotation.timeLimitSeconds() > 0 ? Duration.ofMillis(Math.round(annotation.timeLimitSeconds() * 1000)) : null);
        return options(settings).rateLimit(annotation.rateLimit());
    }
}
