package io.eer.approval.application;

import io.eer.approval.domain.ApprovalCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Closes a pending approval when its request is cancelled (status CANCELLED, an internal fact: request-service
 * announced the cancellation already); its timers go with it, so it neither escalates nor times out afterwards. An
 * approval that is over, or unknown, stays as it is. Call inside a transaction (the consumer's).
 */
@ApplicationScoped
public class CancelApproval {

    private final ApprovalExecution execution;

    CancelApproval(ApprovalExecution execution) {
        this.execution = execution;
    }

    public Uni<Void> execute(String requestId, ApprovalCommand.Cancel cancel) {
        return execution.execute(requestId, cancel).replaceWithVoid();
    }
}
