package io.eer.approval.application;

import io.eer.approval.domain.Approval;
import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalPolicy;
import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.infra.ApprovalStore;
import io.eer.approval.infra.ApproverNotifier;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Opens the approval of a newly requested access; a break-glass (PRE_APPROVED) request is approved by its policy at
 * once (or denied by it without an incident reference). A pending approval notifies its approvers; a break-glass
 * approval posts a notice. A request known already (sent again under a new event id) changes nothing. Call inside a
 * transaction.
 */
@ApplicationScoped
public class OpenApproval {

    private static final Logger LOG = Logger.getLogger(OpenApproval.class);

    private final ApprovalStore store;
    private final ApproverNotifier notifier;

    OpenApproval(ApprovalStore store, ApproverNotifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    public Uni<Void> execute(EmergencyRequested requested, Instant requestedAt) {
        if (requested.requestId() == null || requested.requestId().isBlank()) {
            throw new IllegalArgumentException("EmergencyRequested without requestId");
        }
        return store.loadForUpdate(requested.requestId()).chain(loaded -> {
            List<ApprovalEvent> events = ApprovalPolicy.open(loaded.history(), requested, requestedAt);
            if (events.isEmpty()) {
                LOG.infof("request %s is known already; nothing to open", requested.requestId());
                return Uni.createFrom().voidItem();
            }
            Approval opened = Approval.replay(events).orElseThrow();
            return store.open(requested, requestedAt, events).chain(row -> {
                if (opened.status() == ApprovalStatus.PENDING) {
                    java.time.Instant deadline = opened.decisionDeadline() != null ? opened.decisionDeadline()
                            : opened.validUntil();
                    return notifier.waiting(opened.approvalCase(), deadline);
                }
                if (opened.status() == ApprovalStatus.APPROVED
                        && opened.approvalCase().mode() == ApprovalMode.PRE_APPROVED) {
                    return notifier.breakGlass(opened.approvalCase());
                }
                return Uni.createFrom().voidItem();
            });
        });
    }
}
