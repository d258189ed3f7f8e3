package io.celeriac.opentelemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.function.Supplier;

/**
 * Which OpenTelemetry Celeriac's spans and propagation go through: {@link GlobalOpenTelemetry} by
 * default (what the Java agent and most SDK setups install), or the one given to {@link #use}
 * (a Spring bean, a test's in-memory SDK).
 */
public final class CeleriacOpenTelemetry {
    private static volatile Supplier<OpenTelemetry> source = GlobalOpenTelemetry::get;

    private CeleriacOpenTelemetry() {
    }

    /** Traces through {@code openTelemetry} from now on, in this process. */
    public static void use(OpenTelemetry openTelemetry) {
        java.util.Objects.requireNonNull(openTelemetry, "openTelemetry");
        source = () -> openTelemetry;
    }

    /** Back to {@link GlobalOpenTelemetry}. */
    public static void useGlobal() {
        source = GlobalOpenTelemetry::get;
    }

    static OpenTelemetry current() {
        return source.get();
    }
}
