package io.eer.approval.application;

import io.eer.approval.config.ApprovalSettings;
import io.eer.approval.domain.ApprovalCommand;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Fires the approval timers that are due: the read model says which pending approvals have a decision deadline or
 * validity at or before now (no lock), and each gets a {@code Tick} in its own short transaction; the decider, on the
 * approval's events, says what happens (escalate, time out, or nothing when a decision or another instance got there
 * first). Two instances ticking the same approval: one wins the event version, the other's transaction fails and is
 * not retried (the next poll finds nothing due). Deadlines that passed while the service was down are due on the first
 * poll.
 */
@ApplicationScoped
public class FireApprovalTimers {

    private static final Logger LOG = Logger.getLogger(FireApprovalTimers.class);
    static final String DUE = "select request_id from approval where status = 'PENDING'"
            + " and (decision_deadline <= ?1 or valid_until <= ?1)"
            + " order by least(coalesce(decision_deadline, valid_until), coalesce(valid_until, decision_deadline)),"
            + " request_id limit ?2";

    private final ApprovalExecution execution;
    private final ApprovalSettings settings;
    private final Clock clock;

    FireApprovalTimers(ApprovalExecution execution, ApprovalSettings settings, Clock clock) {
        this.execution = execution;
        this.settings = settings;
        this.clock = clock;
    }

    /** Ticks up to a batch of due approvals; the number that changed. */
    public Uni<Integer> execute() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(DUE, String.class)
                                .setParameter(1, now)
                                .setParameter(2, settings.timerBatchSize())
                                .getResultList()))
                .chain(due -> tickAll(due, now));
    }

    private Uni<Integer> tickAll(List<String> due, Instant now) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (String requestId : due) {
            chain = chain.chain(count -> Panache.withTransaction(
                            () -> execution.execute(requestId, new ApprovalCommand.Tick(now)))
                    .map(executed -> count + (executed.decision().events().isEmpty() ? 0 : 1))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("approval timer of %s not fired, the next poll retries: %s", requestId,
                                e.getClass().getSimpleName());
                        return count;
                    }));
        }
        return chain;
    }
}
