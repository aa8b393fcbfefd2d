package io.eer.approval.application;

import io.eer.approval.config.ApprovalSettings;
import io.eer.approval.domain.ApprovalState;
import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.projection.ApprovalReadModel;
import io.eer.support.poll.DuePollers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * In-memory wake-ups for approval timers: an approval's next deadline (decision deadline or validity) within
 * {@code eer.approval.timer-arm-horizon} wakes the timer poller ({@value FireApprovalTimers#JOB}) at that instant,
 * which fires it from the table as on any poll (claim with SKIP LOCKED, the decider on the approval's events). So a
 * timer fires at its deadline, not at the next poll, and the poll is only the backstop. Nothing is decided here: a
 * wake-up for an approval decided since costs one empty poll. Lost at a crash: {@link #rearm} re-arms from the table
 * after a start and every {@code eer.approval.timer-arm-every}.
 */
@ApplicationScoped
public class ApprovalTimerAlarms {

    /** More than this many deadlines within one horizon are left to the poll (it drains them in batches). */
    static final int MAX_ARMED = 10_000;

    private final DuePollers pollers;
    private final Clock clock;
    private final Duration horizon;

    ApprovalTimerAlarms(DuePollers pollers, Clock clock, ApprovalSettings settings) {
        this.pollers = pollers;
        this.clock = clock;
        this.horizon = settings.timerArmHorizon();
    }

    /** Arms the next deadline of a pending approval (call with the state a command left). */
    public void arm(ApprovalState state) {
        if (state.status() == ApprovalStatus.PENDING) {
            Stream.of(state.decisionDeadline(), state.validUntil()).filter(deadline -> deadline != null)
                    .min(Instant::compareTo).ifPresent(this::arm);
        }
    }

    /** Re-arms the deadlines within the horizon from the approval projection. */
    public Uni<Void> rearm() {
        return Panache.withSession(() -> ApprovalReadModel.pendingDeadlinesUntil(clock.instant().plus(horizon),
                        MAX_ARMED))
                .invoke(deadlines -> deadlines.forEach(this::arm))
                .replaceWithVoid();
    }

    private void arm(Instant deadline) {
        pollers.wakeAt(FireApprovalTimers.JOB, deadline, horizon);
    }
}
