package io.celeriac.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.Celeriac;
import io.celeriac.Options;
import io.celeriac.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Sends a few tasks when the application has started and logs their results; the worker keeps
 * running until the application is stopped (Ctrl-C: running tasks finish first).
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.demo", matchIfMissing = true)
public class Demo implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    private final Celeriac celeriac;

    public Demo(Celeriac celeriac) {
        this.celeriac = celeriac;
    }

    @Override
    public void run(ApplicationArguments args) {
        TaskResult<String> greeting = celeriac.send(Greetings.GREET, new Greetings.Greeting("Ada", "fr"));
        log.atInfo().addKeyValue("result", greeting.get(Duration.ofSeconds(30))).log("sample.greet done");

        JsonNode report = celeriac.send("reports.build", List.of("weekly", List.of("a", "b", "c")), Map.of(), Options.defaults())
                .get(Duration.ofSeconds(30));
        log.atInfo().addKeyValue("result", report).log("reports.build done");
        log.atInfo().log("demo sent; the worker keeps running: send from Python with "
                + "app.send_task('sample.greet', args=[{'name': 'Grace', 'language': 'en'}])");
    }
}
