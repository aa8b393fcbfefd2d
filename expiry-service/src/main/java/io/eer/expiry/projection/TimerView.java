package io.eer.expiry.projection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eer.expiry.domain.TimerEvent;
import io.eer.expiry.domain.TimerEvent.TimerCancelled;
import io.eer.expiry.domain.TimerEvent.TimerExtended;
import io.eer.expiry.domain.TimerEvent.TimerFired;
import io.eer.expiry.domain.TimerEvent.TimerScheduled;
import io.eer.expiry.domain.TimerStatus;
import io.eer.support.persistence.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The timers as the API lists them and the poller finds the due ones: a projection of the timers' events in
 * {@code domain_event}, changed in the transaction that stores the event, rebuilt by {@code RebuildTimerView}.
 * Nothing is decided from it (the {@code Timer} decider folds the events).
 */
@Entity
@Table(name = "timer")
public class TimerView extends PanacheEntityBase {

    /** For the due-work poller: the table, its key, what "due" means ({@code ?1} = now), and the firing order. */
    public static final String TABLE = "timer";
    public static final String KEY = "grant_id";
    public static final String DUE = "deadline <= ?1 and fired_at is null and cancelled_at is null";
    public static final String ORDER = "deadline, grant_id";

    @Id
    @Column(name = "grant_id")
    public String grantId;
    @Column(name = "request_id", nullable = false)
    public String requestId;
    @Column(nullable = false)
    public Instant deadline;
    @Column(name = "scheduled_at", nullable = false)
    public Instant scheduledAt;
    @Column(name = "fired_at")
    public Instant firedAt;
    @Column(name = "lateness_millis")
    public Long latenessMillis;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "cancel_reason")
    public String cancelReason;
    /** The trace the grant arrived in (V2_1): the firing continues it. Null for timers armed before. */
    @Column(name = "traceparent")
    public String traceparent;

    public TimerStatus status() {
        if (firedAt != null) {
            return TimerStatus.FIRED;
        }
        return cancelledAt != null ? TimerStatus.CANCELLED : TimerStatus.PENDING;
    }

    /** Applies one of a timer's events, in the caller's transaction (idempotent: a rebuild applies them again). */
    public static Uni<Void> apply(TimerEvent event) {
        if (event instanceof TimerScheduled s) {
            return Sql.update("insert into timer (grant_id, request_id, deadline, scheduled_at, traceparent)"
                    + " values ($1, $2, $3, $4, $5) on conflict (grant_id) do nothing", s.grantId().value(),
                    s.requestId().value(), s.deadline(), s.scheduledAt(), s.trace()).replaceWithVoid();
        }
        return TimerView.<TimerView>findById(event.grantId().value()).chain(found -> {
            TimerView view = found;
            boolean created = view == null;
            if (created) { // a timer fired before TimerScheduled was stored (before V2): its firing says enough
                view = new TimerView();
                view.grantId = event.grantId().value();
                view.requestId = event.requestId().value();
            }
            if (event instanceof TimerFired f) {
                view.deadline = f.deadline();
                view.scheduledAt = view.scheduledAt == null ? f.firedAt() : view.scheduledAt;
                view.firedAt = f.firedAt();
                view.latenessMillis = f.latenessMillis();
            } else if (event instanceof TimerExtended x) {
                if (created) {
                    throw new IllegalStateException("timer " + x.grantId() + " extended but never scheduled");
                }
                view.deadline = x.deadline(); // the poller finds it due at the new deadline, not the old
            } else if (event instanceof TimerCancelled c) {
                if (created) {
                    throw new IllegalStateException("timer " + c.grantId() + " cancelled but never scheduled");
                }
                view.cancelledAt = c.cancelledAt();
                view.cancelReason = c.reason();
            }
            return created ? view.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    /** The deadlines of pending timers up to {@code until}, soonest first (for arming in-memory timers). */
    public static Uni<List<Instant>> pendingDeadlinesUntil(Instant until, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select deadline from timer"
                        + " where fired_at is null and cancelled_at is null and deadline <= ?1 order by deadline",
                        Instant.class)
                .setParameter(1, until).setMaxResults(limit).getResultList());
    }

    /** What a firing continues: the request the timer is for, and the trace the grant arrived in (may be null). */
    public record Trace(String requestId, String traceparent) {
    }

    /** {@link Trace} of each of {@code grantIds} that has a row, by grant id: one query for a batch. */
    public static Uni<Map<String, Trace>> traces(List<String> grantIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select grant_id, request_id,"
                        + " traceparent from timer where grant_id in (select json_array_elements_text(cast(cast(?1 as text) as json)))",
                        Object[].class)
                .setParameter(1, jsonArray(grantIds))
                .getResultList())
                .map(rows -> {
                    Map<String, Trace> traces = new HashMap<>();
                    for (Object[] row : rows) {
                        traces.put((String) row[0], new Trace((String) row[1], (String) row[2]));
                    }
                    return traces;
                });
    }

    /**
     * Applies many {@link TimerFired} in one statement (a batch of firings), as {@link #apply} does one by one. Their
     * rows exist (the poller claimed them): a missing one fails the caller's transaction.
     */
    public static Uni<Void> markFired(List<TimerFired> fired) {
        if (fired.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (TimerFired f : fired) {
            rows.addObject().put("grant_id", f.grantId().value()).put("deadline", f.deadline().toString())
                    .put("fired_at", f.firedAt().toString()).put("lateness_millis", f.latenessMillis());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("update timer t set"
                        + " deadline = r.deadline, fired_at = r.fired_at, lateness_millis = r.lateness_millis"
                        + " from json_to_recordset(cast(cast(?1 as text) as json)) as r(grant_id text, deadline timestamptz,"
                        + " fired_at timestamptz, lateness_millis bigint) where t.grant_id = r.grant_id")
                .setParameter(1, rows.toString())
                .executeUpdate())
                .invoke(updated -> {
                    if (updated != fired.size()) {
                        throw new IllegalStateException("marked " + updated + " timer rows fired, expected "
                                + fired.size());
                    }
                })
                .replaceWithVoid();
    }

    private static String jsonArray(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array.toString();
    }

    /** Every row gone, before a rebuild (same transaction). */
    public static Uni<Void> clear() {
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from timer").executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Timers in {@code status} (all when null): pending ones in the order they will fire, fired and cancelled ones
     * most recent deadline first.
     */
    public static Uni<List<TimerView>> inStatus(TimerStatus status, int limit) {
        if (status == TimerStatus.PENDING) {
            return TimerView.<TimerView>find("firedAt is null and cancelledAt is null", Sort.ascending("deadline", "grantId"))
                    .page(0, limit).list();
        }
        Sort recentFirst = Sort.descending("deadline", "grantId");
        if (status == TimerStatus.FIRED) {
            return TimerView.<TimerView>find("firedAt is not null", recentFirst).page(0, limit).list();
        }
        if (status == TimerStatus.CANCELLED) {
            return TimerView.<TimerView>find("cancelledAt is not null", recentFirst).page(0, limit).list();
        }
        return TimerView.<TimerView>findAll(recentFirst).page(0, limit).list();
    }
}
