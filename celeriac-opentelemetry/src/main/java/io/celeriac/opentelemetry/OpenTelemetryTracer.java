package io.celeriac.opentelemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.trace.MessageTracer;

/**
 * The tracer Celeriac finds on the class path (listed for {@link java.util.ServiceLoader}). It
 * references no OpenTelemetry type itself: when {@code opentelemetry-api} is absent it does nothing
 * (two empty calls per task), and the classes that use the API are never loaded.
 */
public final class OpenTelemetryTracer implements MessageTracer {
    private static final boolean API_PRESENT = present("io.opentelemetry.api.OpenTelemetry");

    private final MessageTracer delegate = API_PRESENT ? W3cTracer.create() : null;

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OpenTelemetryTracer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether spans are made (the OpenTelemetry API is on the class path). */
    public static boolean enabled() {
        return API_PRESENT;
    }

    @Override
    public void sending(String task, String taskId, String queue, ObjectNode headers) {
        if (delegate != null) {
            delegate.sending(task, taskId, queue, headers);
        }
    }

    @Override
    public Scope running(String task, String taskId, String queue, ObjectNode headers) {
        return delegate != null ? delegate.running(task, taskId, queue, headers) : (outcome, error) -> { };
    }
}
