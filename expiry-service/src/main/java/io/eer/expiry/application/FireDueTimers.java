package io.eer.expiry.application;

import io.eer.expiry.domain.Timer;
import io.eer.expiry.domain.TimerCommand;
import io.eer.expiry.domain.TimerCommand.Fire;
import io.eer.expiry.domain.TimerEvent;
import io.eer.expiry.domain.TimerState;
import io.eer.expiry.infra.out.TimerEventMapping;
import io.eer.expiry.projection.TimerView;
import io.eer.support.decider.Decision;
import io.eer.support.eventsourcing.AggregateBatch;
import io.eer.support.eventsourcing.AggregateBatch.Done;
import io.eer.support.eventsourcing.AggregateBatch.Failed;
import io.eer.support.eventsourcing.AggregateBatch.Item;
import io.eer.support.eventsourcing.AggregateBatch.Outcome;
import io.eer.support.observability.RequestIds;
import io.eer.support.observability.Traceparent;
import io.eer.support.observability.Tracing;
import io.eer.support.poll.DueWork;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fires the timers whose deadline has come, a batch at a time: the due-work poller claims due rows of the
 * {@link TimerView} projection ({@code FOR UPDATE SKIP LOCKED}) and, in the same transaction, {@link #fireAll} loads
 * all their events in one query, decides {@code Fire} on each timer, stores every {@code AccessExpired} (event log +
 * outbox) and marks the rows fired, in a few multi-row statements. A timer fires at most once: its row leaves "due"
 * with the event's commit, and the event log's unique {@code (aggregate_id, version)} makes a racing writer's batch
 * fail and, retried row by row, decide nothing. A timer that cannot be decided (its events unreadable, or refused)
 * stays due and does not hold back the others. Timers that fell due while the service was down are due on the first
 * poll.
 */
@ApplicationScoped
public class FireDueTimers {

    public static final String JOB = "expiry-poll";

    private static final Logger LOG = Logger.getLogger(FireDueTimers.class);

    private final AggregateBatch aggregates;
    private final Clock clock;
    private final Tracing tracing;

    FireDueTimers(AggregateBatch aggregates, Clock clock, Tracing tracing) {
        this.aggregates = aggregates;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** What the poller runs (in infra.in): due rows of the timer projection, fired a batch per transaction. */
    public DueWork work(Duration interval, int batchSize) {
        return work(JOB, interval, batchSize);
    }

    /** The same under another job name (a second poller on the same table, as a second instance would run). */
    public DueWork work(String name, Duration interval, int batchSize) {
        return DueWork.batched(name, TimerView.TABLE, TimerView.KEY, TimerView.DUE, TimerView.ORDER, interval,
                batchSize, this::fireAll);
    }

    /** Fires one timer now, inside the caller's transaction. */
    public Uni<Void> fire(String grantId) {
        return fireAll(List.of(grantId));
    }

    /**
     * Fires the given (claimed) timers now, inside the poller's transaction, each in a span of its own that continues
     * the trace of the grant that armed it: its {@code AccessExpired} carries that trace, and so does the revocation
     * it causes.
     */
    public Uni<Void> fireAll(List<String> grantIds) {
        // PostgreSQL keeps microseconds: firedAt in the event is then exactly what the row stores
        Fire command = new Fire(clock.instant().truncatedTo(ChronoUnit.MICROS));
        return TimerView.traces(grantIds).chain(traces -> {
            Map<String, Span> spans = new LinkedHashMap<>();
            List<Item<TimerCommand>> items = new ArrayList<>();
            for (String grantId : grantIds) {
                TimerView.Trace trace = traces.get(grantId);
                Span span = tracing.start("expire grant", SpanKind.INTERNAL,
                        Optional.ofNullable(trace == null ? null : trace.traceparent()));
                spans.put(grantId, span);
                items.add(new Item<>(grantId, command, traceparentOf(span)));
            }
            return aggregates.executeAll(items, Timer.DECIDER, TimerEventMapping.INSTANCE)
                    .chain(outcomes -> project(outcomes, traces, spans))
                    .onTermination().invoke(() -> spans.values().forEach(Span::end));
        });
    }

    /** Marks the fired rows, and says per timer (in its span and log context) what became of it. */
    private Uni<Void> project(List<Outcome<TimerState, TimerEvent>> outcomes, Map<String, TimerView.Trace> traces,
            Map<String, Span> spans) {
        List<TimerEvent.TimerFired> fired = new ArrayList<>();
        List<TimerEvent> other = new ArrayList<>();
        for (Outcome<TimerState, TimerEvent> outcome : outcomes) {
            String grantId = outcome.aggregateId();
            TimerView.Trace trace = traces.get(grantId);
            Span span = spans.get(grantId);
            try (Scope ignored = span.makeCurrent(); RequestIds.Restore restore = RequestIds.put(
                    trace == null ? null : trace.requestId())) {
                if (outcome instanceof Failed<TimerState, TimerEvent> failed) {
                    // its events cannot be read: it stays due (logged at each poll) and the others go ahead
                    span.setStatus(StatusCode.ERROR);
                    LOG.warnf("timer %s not fired, it stays due: %s", grantId, failed.error().toString());
                } else if (outcome instanceof Done<TimerState, TimerEvent> done
                        && done.decision() instanceof Decision.Refused<?> refused) {
                    // the projection says due, the events say otherwise: leave the row due and say so
                    span.setStatus(StatusCode.ERROR);
                    LOG.warnf("timer %s not fired, it stays due: %s, %s", grantId, refused.rule().rule(),
                            refused.detail());
                } else if (outcome instanceof Done<TimerState, TimerEvent> done) {
                    for (TimerEvent event : done.decision().events()) {
                        if (event instanceof TimerEvent.TimerFired f) {
                            fired.add(f);
                            LOG.infof("grant %s expired, %d ms after its deadline", f.grantId(), f.latenessMillis());
                        } else {
                            other.add(event);
                        }
                    }
                }
            }
        }
        Uni<Void> chain = TimerView.markFired(fired);
        for (TimerEvent event : other) {
            chain = chain.chain(() -> TimerView.apply(event));
        }
        return chain;
    }

    private static Optional<String> traceparentOf(Span span) {
        try (Scope ignored = span.makeCurrent()) {
            return Traceparent.current();
        }
    }
}
