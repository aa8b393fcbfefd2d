package io.eer.approval.application;

import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalPolicy;
import io.eer.approval.infra.ApprovalStore;
import io.eer.contracts.events.EmergencyRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Opens the approval of a newly requested access; a break-glass (PRE_APPROVED) request is approved by its policy at
 * once. A request known already (sent again under a new event id) changes nothing. Call inside a transaction.
 */
@ApplicationScoped
public class OpenApproval {

    private static final Logger LOG = Logger.getLogger(OpenApproval.class);

    private final ApprovalStore store;

    OpenApproval(ApprovalStore store) {
        this.store = store;
    }

    public Uni<Void> execute(EmergencyRequested requested, Instant requestedAt) {
        if (requested.requestId() == null || requested.requestId().isBlank()) {
            throw new IllegalArgumentException("EmergencyRequested without requestId");
        }
        return store.loadForUpdate(requested.requestId()).chain(loaded -> {
            List<ApprovalEvent> events = ApprovalPolicy.open(loaded.history(), requested);
            if (events.isEmpty()) {
                LOG.infof("request %s is known already; nothing to open", requested.requestId());
                return Uni.createFrom().voidItem();
            }
            return store.open(requested, requestedAt, events).replaceWithVoid();
        });
    }
}
