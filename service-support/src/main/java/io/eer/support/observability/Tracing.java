package io.eer.support.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Spans that continue a trace kept in an event or a row ({@link Traceparent}), for work that runs outside a REST call
 * or a consumed event: a timer that fires long after the event that armed it continues that event's trace, so one trace
 * id runs from the request to the expiry and the revocation it causes. While the work runs, its span is current (what
 * {@code EventStore} stamps into new events, and the {@code traceId} of log lines) and {@link RequestIds} puts the
 * request id into the log context.
 */
@ApplicationScoped
public class Tracing {

    private final Tracer tracer;

    Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * A started span of {@code kind}, child of {@code parent} (a traceparent) when it is a well-formed one, else the
     * root of a new trace. The caller ends it.
     */
    public Span start(String name, SpanKind kind, Optional<String> parent) {
        var builder = tracer.spanBuilder(name).setSpanKind(kind);
        parent.flatMap(Traceparent::spanContext).ifPresentOrElse(
                context -> builder.setParent(Context.root().with(Span.wrap(context))), builder::setNoParent);
        return builder.startSpan();
    }

    /**
     * Runs {@code work} (subscribed once per subscription) in a new internal span, child of {@code parent}, with
     * {@code requestId} in the log context; the span ends when the work does.
     */
    public <T> Uni<T> continueTrace(String name, Optional<String> parent, String requestId, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Span span = start(name, SpanKind.INTERNAL, parent);
            return within(span, requestId, work).onTermination().invoke(span::end);
        });
    }

    /** Runs {@code work} with {@code span} current and {@code requestId} in the log context; both restored after. */
    public static <T> Uni<T> within(Span span, String requestId, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Scope scope = span.makeCurrent();
            RequestIds.Restore restore = RequestIds.put(requestId);
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                restore.close();
                scope.close();
                throw e;
            }
            return started.eventually(() -> {
                restore.close();
                scope.close();
            });
        });
    }
}
