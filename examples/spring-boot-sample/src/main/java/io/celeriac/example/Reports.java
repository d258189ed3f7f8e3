package io.celeriac.example;

import io.celeriac.CeleriacTask;
import io.celeriac.TaskContext;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tasks as methods of a Spring bean: the starter finds them by their annotation. */
@Component
public class Reports {

    public record Report(String title, int lines, String builtBy) {
    }

    /** Routed to the {@code reports} queue by {@code celeriac.routes} in application.yaml. */
    @CeleriacTask("reports.build")
    public Report build(String title, List<String> lines, TaskContext context) {
        return new Report(title, lines.size(), context.hostname());
    }
}
