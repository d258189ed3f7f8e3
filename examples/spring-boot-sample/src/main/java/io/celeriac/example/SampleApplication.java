package io.celeriac.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Celeriac's Spring Boot sample: a worker for {@link Greetings} and {@link Reports}, and a {@link Demo} that sends to them. */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
