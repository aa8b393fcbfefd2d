package io.eer.expiry.projection;

import io.eer.expiry.domain.Timer;
import io.eer.expiry.domain.TimerStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A grant's durable timer as stored; the row is changed only in the transaction that fires or cancels it. */
@Entity
@Table(name = "timer")
public class TimerView extends PanacheEntityBase {
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

    public Timer toDomain() {
        return new Timer(grantId, requestId, deadline, firedAt, latenessMillis, cancelledAt, cancelReason);
    }

    /** Takes over the state the domain decided (fired or cancelled). */
    public void apply(Timer timer) {
        firedAt = timer.firedAt();
        latenessMillis = timer.latenessMillis();
        cancelledAt = timer.cancelledAt();
        cancelReason = timer.cancelReason();
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
