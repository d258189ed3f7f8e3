package io.celeriac.opentelemetry;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** An OpenTelemetry SDK whose spans stay in memory, installed as Celeriac's for a test class. */
record InMemoryOpenTelemetry(OpenTelemetrySdk sdk, InMemorySpanExporter spans) {

    static InMemoryOpenTelemetry install() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        CeleriacOpenTelemetry.use(sdk);
        return new InMemoryOpenTelemetry(sdk, exporter);
    }

    /** The finished span of {@code kind} for task {@code taskId}, or null. */
    SpanData span(SpanKind kind, String taskId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == kind && taskId.equals(span.getAttributes().get(W3cTracer.MESSAGE_ID)))
                .findFirst().orElse(null);
    }
}
