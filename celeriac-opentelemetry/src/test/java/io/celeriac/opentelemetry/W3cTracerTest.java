package io.celeriac.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.trace.MessageTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class W3cTracerTest {
    private InMemoryOpenTelemetry otel;
    private final MessageTracer tracer = new OpenTelemetryTracer();

    @BeforeEach
    void install() {
        otel = InMemoryOpenTelemetry.install();
    }

    @AfterEach
    void uninstall() {
        CeleriacOpenTelemetry.useGlobal();
    }

    @Test
    void sending_writes_a_w3c_traceparent_into_the_message_headers_and_ends_a_producer_span() {
        ObjectNode headers = JsonNodeFactory.instance.objectNode().put("lang", "py").put("task", "reports.build");
        tracer.sending("reports.build", "id-1", "reports", headers);
        SpanData send = otel.span(SpanKind.PRODUCER, "id-1");
        String traceparent = headers.get("traceparent").asText();
        assertEquals("00-" + send.getTraceId() + "-" + send.getSpanId() + "-", traceparent.substring(0, 53));
        assertEquals(1, Integer.parseInt(traceparent.substring(53), 16) & 1, "sampled");
        assertFalse(headers.has("tracestate"), "an empty tracestate is not written, as in Python");
        assertEquals("send reports", send.getName());
        assertEquals("send", send.getAttributes().get(W3cTracer.OPERATION_TYPE));
        assertEquals("apply_async", send.getAttributes().get(W3cTracer.ACTION), "the Python instrumentation's action");
        assertEquals("py", headers.get("lang").asText(), "other headers untouched");
    }

    @Test
    void running_continues_the_senders_trace_and_a_failure_marks_the_span() {
        ObjectNode headers = JsonNodeFactory.instance.objectNode()
                .put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        tracer.running("reports.build", "id-2", "reports", headers).end("FAILURE", new IllegalStateException("no data"));
        SpanData process = otel.span(SpanKind.CONSUMER, "id-2");
        assertEquals("0af7651916cd43dd8448eb211c80319c", process.getTraceId());
        assertEquals("b7ad6b7169203331", process.getParentSpanId());
        assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
        assertEquals("FAILURE", process.getAttributes().get(W3cTracer.STATE));
        assertEquals("java.lang.IllegalStateException", process.getAttributes().get(W3cTracer.ERROR_TYPE));
        assertTrue(process.getEvents().stream().anyMatch(event -> event.getName().equals("exception")));
    }

    @Test
    void a_message_without_trace_context_starts_a_new_trace_and_a_retry_is_not_an_error() {
        tracer.running("reports.build", "id-3", "reports", JsonNodeFactory.instance.objectNode())
                .end("RETRY", new java.io.IOException("connection reset"));
        SpanData process = otel.span(SpanKind.CONSUMER, "id-3");
        assertFalse(process.getParentSpanContext().isValid(), "a root span");
        assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode());
        assertEquals("connection reset", process.getAttributes().get(W3cTracer.RETRY_REASON));
    }
}
