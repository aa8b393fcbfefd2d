package io.eer.approval.application;

import io.eer.approval.domain.ApprovalCommand;
import io.eer.support.poll.DueWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Fires the approval timers that are due: service-support's due-work poller claims the pending approvals whose
 * decision deadline or validity is at or before now ({@code FOR UPDATE SKIP LOCKED} on the approval projection) and,
 * in the same transaction, {@link #fire} gives each a {@code Tick}; the decider, on the approval's events, says what
 * happens (escalate: a later deadline; time out: no longer pending). Either way the row leaves "due" with the commit,
 * so a timer fires once; two instances never claim the same approval at once, and the event log's unique version
 * makes a racing decision and tick fail one of them (the tick's row stays due and is taken again). Deadlines that
 * passed while the service was down are due on the first poll.
 */
@ApplicationScoped
public class FireApprovalTimers {

    public static final String JOB = "approval-timers";
    static final String TABLE = "approval";
    static final String KEY = "request_id";
    static final String DUE = "status = 'PENDING' and (decision_deadline <= ?1 or valid_until <= ?1)";
    static final String ORDER = "least(coalesce(decision_deadline, valid_until), coalesce(valid_until, "
            + "decision_deadline)), request_id";

    private final ApprovalExecution execution;
    private final Clock clock;

    FireApprovalTimers(ApprovalExecution execution, Clock clock) {
        this.execution = execution;
        this.clock = clock;
    }

    /** What the poller runs (in infra.in): due approvals, ticked one by one in the claiming transaction. */
    public DueWork work(Duration interval, int batchSize) {
        return new DueWork(JOB, TABLE, KEY, DUE, ORDER, interval, batchSize, this::fire);
    }

    /** Ticks one claimed approval now, inside the poller's transaction. */
    public Uni<Void> fire(String requestId) {
        // PostgreSQL keeps microseconds: a deadline the decider computes is exactly what the row stores
        ApprovalCommand.Tick tick = new ApprovalCommand.Tick(clock.instant().truncatedTo(ChronoUnit.MICROS));
        return execution.execute(requestId, tick).invoke(executed -> {
            if (executed.decision().events().isEmpty()) {
                // the projection says due, the events say otherwise: fail, so the row is not taken as done
                throw new IllegalStateException("approval timer of " + requestId + " not fired: the decider saw"
                        + " nothing due at " + tick.now());
            }
        }).replaceWithVoid();
    }
}
