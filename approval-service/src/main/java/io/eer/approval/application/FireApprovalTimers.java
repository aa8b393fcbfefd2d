package io.eer.approval.application;

import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalPolicy;
import io.eer.approval.infra.ApprovalSettings;
import io.eer.approval.infra.ApprovalStore;
import io.eer.approval.infra.ApproverNotifier;
import io.eer.approval.projection.ApprovalRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fires the approval timers that are due: per batch, in ONE transaction, takes the pending approvals whose decision
 * deadline or validity has come with {@code FOR UPDATE SKIP LOCKED} (two instances never take the same one, and a
 * decision in flight holds the same row lock), and lets {@link ApprovalPolicy#tick} say what happens: escalate to
 * the next group ({@code ApprovalEscalated} + a webhook notification) or time out ({@code ApprovalTimedOut}). The
 * new state moves or clears the row's deadlines in the same transaction, so a timer fires once. Deadlines that
 * passed while the service was down are simply due on the first poll.
 */
@ApplicationScoped
public class FireApprovalTimers {

    static final String DUE = "select * from approval where status = 'PENDING'"
            + " and (decision_deadline <= ?1 or valid_until <= ?1)"
            + " order by least(coalesce(decision_deadline, valid_until), coalesce(valid_until, decision_deadline)),"
            + " request_id limit ?2 for update skip locked";

    private final ApprovalStore store;
    private final ApproverNotifier notifier;
    private final ApprovalSettings settings;
    private final Clock clock;

    FireApprovalTimers(ApprovalStore store, ApproverNotifier notifier, ApprovalSettings settings, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.settings = settings;
        this.clock = clock;
    }

    /** Fires batches until fewer than a full batch is due; the number of approvals that changed. */
    public Uni<Integer> execute() {
        return Uni.createFrom().deferred(this::fireBatch)
                .repeat().whilst(fired -> fired == settings.timerBatchSize())
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    Uni<Integer> fireBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(DUE, ApprovalRow.class)
                        .setParameter(1, now)
                        .setParameter(2, settings.timerBatchSize())
                        .getResultList())
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ApprovalRow row : due) {
                        chain = chain.chain(() -> fire(row, now)); // one session: strictly one after the other
                    }
                    return chain.replaceWith(due.size());
                }));
    }

    private Uni<Void> fire(ApprovalRow row, Instant now) {
        return store.loadLocked(row).chain(loaded -> {
            List<ApprovalEvent> events = ApprovalPolicy.tick(loaded.history(), now);
            if (events.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> work = store.apply(loaded, events).replaceWithVoid();
            for (ApprovalEvent event : events) {
                if (event instanceof Escalated escalated) {
                    work = work.chain(() -> notifier.escalated(loaded.approval().approvalCase(), escalated.escalated()));
                }
            }
            return work;
        });
    }
}
