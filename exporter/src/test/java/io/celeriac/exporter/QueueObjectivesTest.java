package io.celeriac.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueObjectivesTest {
    private static QueueObjectives read(String yaml) {
        return QueueObjectives.from(AppConfigLoader.fromYaml(yaml).section("exporter"));
    }

    @Test
    void a_queue_s_own_objective_wins_over_the_default() {
        QueueObjectives objectives = read("exporter:\n  queue_age_objective: 10m\n  queue_age_objectives:\n    ai_tasks: 30s\n");
        assertEquals(Duration.ofSeconds(30), objectives.of("ai_tasks"));
        assertEquals(Duration.ofMinutes(10), objectives.of("celery"));
        assertEquals(QueueObjectives.DEFAULT, read("queues: [a]\n").of("a"));
    }

    @Test
    void a_bad_value_is_a_config_error_naming_the_key() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read("exporter:\n  queue_age_objectives:\n    ai_tasks: soon\n"));
        assertEquals(true, e.getMessage().contains("exporter.queue_age_objectives.ai_tasks"), e.getMessage());
        assertThrows(ConfigException.class, () -> read("exporter:\n  queue_age_objective: 0s\n"));
    }
}
