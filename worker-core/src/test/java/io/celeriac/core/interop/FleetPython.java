package io.celeriac.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Celery's operator tools in Python ({@code interop/fleet_client.py}): inspect, control and an
 * event receiver, run against the test Redis like {@link PythonCelery#client}.
 */
final class FleetPython {
    private final PythonCelery celery;

    FleetPython(PythonCelery celery) {
        this.celery = celery;
        Path script = PythonCelery.appDir().resolve("fleet_client.py");
        if (!Files.exists(script)) {
            try (InputStream in = FleetPython.class.getResourceAsStream("/interop/fleet_client.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static ObjectNode command(String op) {
        return PythonCelery.JSON.createObjectNode().put("op", op);
    }

    /** Runs one command and returns its {@code results}. */
    JsonNode run(ObjectNode command, Duration timeout) {
        return start(command).await(timeout);
    }

    /** Starts one command (an event receiver runs while the test acts). */
    Running start(ObjectNode command) {
        try {
            Path out = Files.createTempFile(PythonCelery.appDir(), "fleet", ".out");
            Path err = Files.createTempFile(PythonCelery.appDir(), "fleet", ".err");
            Process process = celery.process(List.of(PythonCelery.python(), "fleet_client.py", command.toString()), null)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Running(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Running(Process process, Path out, Path err) {
        JsonNode await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("fleet_client ran longer than " + timeout + ": " + Files.readString(err));
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("fleet_client exited " + process.exitValue() + ": " + Files.readString(err));
                }
                return PythonCelery.JSON.readTree(out.toFile()).get("results");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
