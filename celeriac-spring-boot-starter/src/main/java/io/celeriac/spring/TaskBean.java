package io.celeriac.spring;

import io.celeriac.Task;
import io.celeriac.TaskFunction;

/**
 * A typed task as a bean, for tasks declared as {@link Task} constants rather than
 * {@code @CeleriacTask} methods:
 *
 * <pre>{@code
 * @Bean
 * TaskBean<Greeting, String> greet() {
 *     return TaskBean.of(GREET, (greeting, context) -> "Hello, " + greeting.name());
 * }
 * }</pre>
 */
public record TaskBean<A, R>(Task<A, R> task, TaskFunction<A, R> body) {

    public static <A, R> TaskBean<A, R> of(Task<A, R> task, TaskFunction<A, R> body) {
        return new TaskBean<>(task, body);
    }
}
