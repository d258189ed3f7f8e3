package io.celeriac.example;

import io.celeriac.Task;
import io.celeriac.spring.TaskBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A typed task: declared once as a constant that senders and the worker share. */
@Configuration(proxyBeanMethods = false)
public class Greetings {

    /** Its argument travels as Celery JSON: {@code {"name": "Ada", "language": "fr"}}. */
    public record Greeting(String name, String language) {
    }

    public static final Task<Greeting, String> GREET = Task.of("sample.greet", Greeting.class, String.class);

    @Bean
    TaskBean<Greeting, String> greet() {
        return TaskBean.of(GREET, (greeting, context) -> ("fr".equals(greeting.language()) ? "Bonjour, " : "Hello, ") + greeting.name());
    }
}
