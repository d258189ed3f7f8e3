package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.metrics.Observability;
import org.junit.jupiter.api.Test;

/** The setup worker, beat and dev share: what it refuses before anything connects. */
class ProcessSetupTest {

    @Test
    void a_port_out_of_range_or_an_unknown_log_level_is_refused_with_the_option_named() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> ProcessSetup.begin("beat", "INFO", 70_000));
        assertEquals("--http-port must be between 0 and 65535 (0 = off), got 70000", port.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> ProcessSetup.begin("beat", "LOUD", 0));
        assertTrue(level.getMessage().startsWith("--loglevel must be"), level.getMessage());
    }

    @Test
    void port_zero_serves_nothing() {
        ProcessSetup process = ProcessSetup.begin("worker", "INFO", 0);
        try (Observability observability = process.observability()) {
            assertEquals(-1, process.serve(observability));
        }
    }
}
