package io.celeriac.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacWorker;
import io.celeriac.Options;
import io.celeriac.Task;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A trace crosses the queue both ways between Debian's Python Celery and Celeriac, carried as
 * OpenTelemetry's Celery instrumentation carries it (W3C traceparent in the message headers).
 */
class TraceContextIT {
    static final Task<String, String> JAVA_TASK = Task.of("trace.java_runs", String.class, String.class);
    static final Map<String, String> seenByTask = new ConcurrentHashMap<>();

    static InMemoryOpenTelemetry otel;
    static PythonSide python;
    static CeleriacWorker worker;
    static Celeriac celeriac;
    static String javaQueue;

    static String url() {
        var url = TestRedis.url();
        return "redis://" + url.host() + ":" + url.port() + "/" + url.database();
    }

    @BeforeAll
    static void start() throws Exception {
        String prefix = TestApp.randomPrefix();
        python = new PythonSide(prefix);
        otel = InMemoryOpenTelemetry.install();
        javaQueue = "trace-java";
        worker = CeleriacWorker.builder(url()).keyPrefixes(prefix + "celeriac:", prefix).queues(javaQueue).concurrency(1)
                .task(JAVA_TASK, (text, context) -> {
                    seenByTask.put(context.taskId(), Span.current().getSpanContext().getTraceId());
                    return text;
                }).start();
        celeriac = Celeriac.builder(url()).keyPrefixes(prefix + "celeriac:", prefix).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (celeriac != null) {
            celeriac.close();
            worker.close();
        }
        if (python != null) {
            python.close();
        }
        CeleriacOpenTelemetry.useGlobal();
    }

    @Test
    void a_trace_started_by_a_python_producer_continues_in_the_java_task() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String pythonSpanId = "00f067aa0ba902b7";
        String taskId = python.send(JAVA_TASK.name(), "[\"hello\"]", javaQueue, "00-" + traceId + "-" + pythonSpanId + "-01", "py=1");

        SpanData process = Eventually.value("the Java task's process span", Duration.ofSeconds(30),
                () -> otel.span(SpanKind.CONSUMER, taskId));
        assertEquals(traceId, process.getTraceId(), "the Python producer's trace");
        assertEquals(pythonSpanId, process.getParentSpanId(), "the Python publish span is its parent");
        assertEquals("1", process.getSpanContext().getTraceState().get("py"), "tracestate travels too");
        assertEquals("process " + javaQueue, process.getName());
        assertEquals("celery", process.getAttributes().get(W3cTracer.SYSTEM));
        assertEquals(javaQueue, process.getAttributes().get(W3cTracer.DESTINATION));
        assertEquals(JAVA_TASK.name(), process.getAttributes().get(W3cTracer.TASK_NAME));
        assertEquals("SUCCESS", process.getAttributes().get(W3cTracer.STATE));
        assertEquals(traceId, seenByTask.get(taskId), "the span is current while the task runs");
    }

    @Test
    void a_trace_started_in_java_continues_in_a_python_worker() throws Exception {
        String pythonQueue = "trace-python";
        python.startWorker(pythonQueue);
        Path out = python.dir().resolve("seen.json");
        Span checkout = otel.sdk().getTracer("test").spanBuilder("checkout").startSpan();
        String taskId;
        try (Scope ignored = checkout.makeCurrent()) {
            taskId = celeriac.send("trace.python_reads", List.of(out.toString()), Map.of(), Options.defaults().queue(pythonQueue)).id();
        } finally {
            checkout.end();
        }
        SpanData send = otel.span(SpanKind.PRODUCER, taskId);
        assertEquals("send " + pythonQueue, send.getName());
        assertEquals(checkout.getSpanContext().getSpanId(), send.getParentSpanId(), "the send span is the checkout's child");

        Eventually.await("the Python worker ran the task", Duration.ofSeconds(30), () -> Files.exists(out));
        JsonNode seen = new ObjectMapper().readTree(out.toFile());
        String traceparent = seen.path("traceparent").asText();
        assertEquals("00-" + checkout.getSpanContext().getTraceId() + "-" + send.getSpanId() + "-", traceparent.substring(0, 53),
                "what the Python instrumentation's getter reads from task.request: " + traceparent);
        assertTrue(seen.path("tracestate").isNull(), "no tracestate was set, none is sent");
    }

}
