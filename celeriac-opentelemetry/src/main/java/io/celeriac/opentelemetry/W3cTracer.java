package io.celeriac.opentelemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.Version;
import io.celeriac.core.trace.MessageTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;

/**
 * Spans and W3C trace context for Celery messages, as OpenTelemetry's Python Celery
 * instrumentation makes them: the producer injects {@code traceparent} (and {@code tracestate})
 * into the message headers, and the worker extracts them from the headers (Celery's
 * {@code task.request} attributes) as the parent of the task's span. So a trace started in Python
 * continues in a Celeriac worker, and one started in Java continues in a Python worker.
 *
 * <p>Spans follow OpenTelemetry's messaging conventions: {@code send <queue>} (PRODUCER) when a
 * message is written, {@code process <queue>} (CONSUMER) around the task's run, current while it
 * runs so what the task does (HTTP calls, queries, tasks it sends) joins the trace. They also carry
 * the Python instrumentation's {@code celery.action} and {@code celery.task_name}, so one query
 * finds both languages' spans.
 */
final class W3cTracer implements MessageTracer {
    static final String SCOPE = "io.celeriac";
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> TASK_NAME = AttributeKey.stringKey("celery.task_name");
    static final AttributeKey<String> ACTION = AttributeKey.stringKey("celery.action");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("celery.state");
    static final AttributeKey<String> RETRY_REASON = AttributeKey.stringKey("celery.retry.reason");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final TextMapSetter<ObjectNode> HEADERS_SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.put(key, value);
        }
    };

    /** Reads the message headers as the Python getter reads request attributes: text as is, anything else as its text. */
    private static final TextMapGetter<ObjectNode> HEADERS_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ObjectNode headers) {
            List<String> keys = new ArrayList<>();
            headers.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        @Override
        public String get(ObjectNode headers, String key) {
            JsonNode value = headers == null ? null : headers.get(key);
            return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
        }
    };

    static MessageTracer create() {
        return new W3cTracer();
    }

    private static Tracer tracer(OpenTelemetry otel) {
        return otel.getTracerProvider().tracerBuilder(SCOPE).setInstrumentationVersion(Version.VERSION).build();
    }

    @Override
    public void sending(String task, String taskId, String queue, ObjectNode headers) {
        OpenTelemetry otel = CeleriacOpenTelemetry.current();
        Span span = tracer(otel).spanBuilder("send " + queue).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "celery").setAttribute(OPERATION_TYPE, "send").setAttribute(OPERATION_NAME, "send")
                .setAttribute(DESTINATION, queue).setAttribute(MESSAGE_ID, taskId).setAttribute(TASK_NAME, task)
                .setAttribute(ACTION, "apply_async").startSpan();
        try {
            otel.getPropagators().getTextMapPropagator().inject(Context.current().with(span), headers, HEADERS_SETTER);
        } finally {
            // the hook runs just before the write: the span marks the send, the write is not timed
            span.end();
        }
    }

    @Override
    public Scope running(String task, String taskId, String queue, ObjectNode headers) {
        OpenTelemetry otel = CeleriacOpenTelemetry.current();
        Context parent = otel.getPropagators().getTextMapPropagator().extract(Context.root(), headers, HEADERS_GETTER);
        Span span = tracer(otel).spanBuilder("process " + queue).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "celery").setAttribute(OPERATION_TYPE, "process").setAttribute(OPERATION_NAME, "process")
                .setAttribute(DESTINATION, queue).setAttribute(MESSAGE_ID, taskId).setAttribute(TASK_NAME, task)
                .setAttribute(ACTION, "run").startSpan();
        io.opentelemetry.context.Scope current = parent.with(span).makeCurrent();
        return (outcome, error) -> {
            try {
                span.setAttribute(STATE, outcome);
                if ("RETRY".equals(outcome) && error != null) {
                    span.setAttribute(RETRY_REASON, String.valueOf(error.getMessage()));
                } else if (error != null) {
                    span.recordException(error);
                    span.setAttribute(ERROR_TYPE, error.getClass().getName());
                    span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
                }
            } finally {
                current.close();
                span.end();
            }
        };
    }
}
