package io.celeriac.core.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The process's installed tracers; with none, {@link #active()} is false and callers skip all work. */
public final class Tracers {
    private static final Logger log = LoggerFactory.getLogger(Tracers.class);
    private static final List<MessageTracer> INSTALLED = ServiceLoader.load(MessageTracer.class).stream()
            .map(ServiceLoader.Provider::get).toList();
    private static final MessageTracer.Scope NO_SCOPE = (outcome, error) -> { };

    private Tracers() {
    }

    public static boolean active() {
        return !INSTALLED.isEmpty();
    }

    public static void sending(String task, String taskId, String queue, ObjectNode headers) {
        for (MessageTracer tracer : INSTALLED) {
            try {
                tracer.sending(task, taskId, queue, headers);
            } catch (RuntimeException e) {
                log.atDebug().addKeyValue("error", e.toString()).log("tracer failed on send");
            }
        }
    }

    /** One scope over every tracer's. */
    public static MessageTracer.Scope running(String task, String taskId, String queue, ObjectNode headers) {
        if (INSTALLED.isEmpty()) {
            return NO_SCOPE;
        }
        List<MessageTracer.Scope> scopes = INSTALLED.stream().map(t -> {
            try {
                return t.running(task, taskId, queue, headers);
            } catch (RuntimeException e) {
                return NO_SCOPE;
            }
        }).toList();
        return (outcome, error) -> scopes.forEach(scope -> {
            try {
                scope.end(outcome, error);
            } catch (RuntimeException e) {
                log.atDebug().addKeyValue("error", e.toString()).log("tracer failed on end");
            }
        });
    }
}
