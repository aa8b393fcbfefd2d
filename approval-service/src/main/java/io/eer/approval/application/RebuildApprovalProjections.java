package io.eer.approval.application;

import io.eer.approval.infra.out.ApprovalEventMapping;
import io.eer.approval.projection.ApprovalProjection;
import io.eer.support.eventsourcing.Aggregates;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the approval read model ({@code approval}, {@code approval_group}, {@code approval_decision}) from
 * {@code domain_event}: empties it and applies every stored event in order, with the same projection code the live
 * path uses, in one transaction (readers see the old rows or the new ones, never half). The notification queue and the
 * idempotency table are not read models and are left as they are. Answers the number of events replayed.
 */
@ApplicationScoped
public class RebuildApprovalProjections {

    static final int PAGE = 500;

    private final Aggregates aggregates;
    private final ApprovalEventMapping mapping;

    RebuildApprovalProjections(Aggregates aggregates, ApprovalEventMapping mapping) {
        this.aggregates = aggregates;
        this.mapping = mapping;
    }

    @WithTransaction
    public Uni<Long> execute() {
        return ApprovalProjection.clear().chain(() -> aggregates.replayAll(PAGE, row -> {
            ApprovalEventMapping.Replayed replayed = mapping.replay(row);
            return ApprovalProjection.apply(replayed.requestId(), replayed.event(), replayed.storedAt());
        }));
    }
}
