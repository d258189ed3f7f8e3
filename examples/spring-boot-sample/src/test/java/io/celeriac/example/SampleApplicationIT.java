package io.celeriac.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.Celeriac;
import io.celeriac.Options;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample's context starts against the real Redis (keys under a random prefix, removed after) and its task beans run. */
@SpringBootTest
class SampleApplicationIT {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        var url = TestRedis.url();
        String prefix = TestApp.randomPrefix();
        properties.add("celeriac.broker-url", () -> "redis://" + url.host() + ":" + url.port() + "/" + url.database());
        properties.add("celeriac.key-prefix", () -> prefix + "celeriac:");
        properties.add("celeriac.kombu-key-prefix", () -> prefix);
    }

    @Autowired
    Celeriac celeriac;

    @Test
    void the_sample_runs_its_typed_and_annotated_tasks() {
        assertEquals("Hello, Grace", celeriac.send(Greetings.GREET, new Greetings.Greeting("Grace", "en")).get(Duration.ofSeconds(15)));
        var report = celeriac.send("reports.build", List.of("daily", List.of("x", "y")), Map.of(), Options.defaults())
                .get(Duration.ofSeconds(15));
        assertEquals(2, report.get("lines").asInt());
    }
}
