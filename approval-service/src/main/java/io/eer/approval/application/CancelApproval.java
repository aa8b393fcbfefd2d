package io.eer.approval.application;

import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalPolicy;
import io.eer.approval.infra.ApprovalStore;
import io.eer.contracts.events.RequestCancelled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Closes a pending approval when its request is cancelled (status CANCELLED, no event: request-service announced
 * the cancellation already); its timers are cleared in the same transaction, so it neither escalates nor times out
 * afterwards. An approval that is over, or unknown, stays as it is. Call inside a transaction.
 */
@ApplicationScoped
public class CancelApproval {

    private final ApprovalStore store;

    CancelApproval(ApprovalStore store) {
        this.store = store;
    }

    public Uni<Void> execute(RequestCancelled cancelled, Instant at) {
        return store.loadForUpdate(cancelled.requestId()).chain(loaded -> {
            List<ApprovalEvent> events = ApprovalPolicy.cancel(loaded.history(), cancelled.by(), at);
            return events.isEmpty() ? Uni.createFrom().voidItem() : store.apply(loaded, events).replaceWithVoid();
        });
    }
}
