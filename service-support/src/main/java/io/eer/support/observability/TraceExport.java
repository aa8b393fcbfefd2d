package io.eer.support.observability;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Trace export, switched at run time by {@code EER_OTEL_ENDPOINT} ({@code eer.observability.otlp-endpoint}): unset, this
 * processor asks the SDK for no span at all (it requires neither start nor end, so the SDK never calls it: no queue,
 * no thread, no connection, nothing logged); set, every ended span goes through a batch processor to that OTLP/HTTP
 * (protobuf) receiver, {@code <endpoint>/v1/traces}. Quarkus adds every {@link SpanProcessor} bean to its tracer provider;
 * its own exporter stays off at build time ({@code quarkus.otel.traces.exporter=none}), which is what lets an absent
 * collector cost nothing. Spans and their ids are made either way, so the {@code traceparent} events carry is the same.
 */
@Singleton
public class TraceExport implements SpanProcessor {

    private static final Logger LOG = Logger.getLogger(TraceExport.class);
    private static final String TRACES_PATH = "/v1/traces";

    /** Null when export is off. */
    private final SpanProcessor batch;

    @Inject
    TraceExport(ObservabilitySettings settings) {
        this(settings.otlpEndpoint());
    }

    TraceExport(Optional<String> endpoint) {
        this.batch = endpoint.filter(e -> !e.isBlank()).map(TraceExport::batchTo).orElse(null);
    }

    /** The URL spans are posted to: the endpoint as given when it names the traces path, else that path below it. */
    static String tracesUrl(String endpoint) {
        String base = endpoint.strip().replaceAll("/+$", "");
        return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
    }

    private static SpanProcessor batchTo(String endpoint) {
        String url = tracesUrl(endpoint);
        LOG.infof("exporting traces over OTLP/HTTP to %s", url);
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(url)
                .setTimeout(Duration.ofSeconds(10))
                // no exporter self-metrics: they would reach for GlobalOpenTelemetry, which Quarkus does not set
                .setMeterProvider(MeterProvider::noop)
                .build();
        return BatchSpanProcessor.builder(exporter).build();
    }

    /** Whether spans leave the process (an endpoint is configured). */
    public boolean exporting() {
        return batch != null;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (batch != null) {
            batch.onStart(parentContext, span);
        }
    }

    @Override
    public boolean isStartRequired() {
        return batch != null && batch.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (batch != null) {
            batch.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return batch != null && batch.isEndRequired();
    }

    @Override
    public CompletableResultCode shutdown() {
        return batch == null ? CompletableResultCode.ofSuccess() : batch.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return batch == null ? CompletableResultCode.ofSuccess() : batch.forceFlush();
    }
}
