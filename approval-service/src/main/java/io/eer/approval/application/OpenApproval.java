package io.eer.approval.application;

import io.eer.approval.domain.ApprovalCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Opens the approval of a newly requested access; a break-glass (PRE_APPROVED) request is approved by its policy at
 * once (or denied by it without an incident reference). A pending approval notifies its approvers; a break-glass
 * approval posts a notice. A request known already (sent again under a new event id) changes nothing. Call inside a
 * transaction (the consumer's).
 */
@ApplicationScoped
public class OpenApproval {

    private static final Logger LOG = Logger.getLogger(OpenApproval.class);

    private final ApprovalExecution execution;

    OpenApproval(ApprovalExecution execution) {
        this.execution = execution;
    }

    public Uni<Void> execute(ApprovalCommand.Open open) {
        String requestId = open.approvalCase().requestId();
        return execution.execute(requestId, open).invoke(executed -> {
            if (executed.decision().events().isEmpty()) {
                LOG.infof("request %s is known already; nothing to open", requestId);
            }
        }).replaceWithVoid();
    }
}
