package io.celeriac.core.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sees every message a process sends and every task it runs: how a trace context crosses the
 * queue (W3C {@code traceparent} in the message headers, as OpenTelemetry's Celery
 * instrumentation carries it). List an implementation in
 * {@code META-INF/services/io.celeriac.core.trace.MessageTracer}.
 */
public interface MessageTracer {

    /** Before a message is written: {@code headers} may be added to (they travel with the message). */
    void sending(String task, String taskId, String queue, ObjectNode headers);

    /** A task is about to run with the headers it was sent with; the scope ends when it does. */
    Scope running(String task, String taskId, String queue, ObjectNode headers);

    /** One task's run, as a tracer sees it. */
    interface Scope {
        /** How it ended: {@code outcome} is SUCCESS, FAILURE, RETRY, REVOKED...; {@code error} null unless it threw. */
        void end(String outcome, Throwable error);
    }
}
