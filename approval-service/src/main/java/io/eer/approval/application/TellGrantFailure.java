package io.eer.approval.application;

import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.infra.out.ApproverNotifications;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * grant-service could not grant an approved request ({@code GrantFailed}): its requester is told, in the consumer's
 * transaction (queued with the inbox record, so told once per event). Only for an approval this service approved: a
 * {@code GrantFailed} about a request it never saw, or did not approve, tells nobody (the consumer's source check
 * already refuses one not from grant-service). Nothing is decided here: the approval stays as it is.
 */
@ApplicationScoped
public class TellGrantFailure {

    private final ApprovalExecution execution;
    private final ApproverNotifications notifications;

    TellGrantFailure(ApprovalExecution execution, ApproverNotifications notifications) {
        this.execution = execution;
        this.notifications = notifications;
    }

    public Uni<Void> execute(String requestId, String system, String error) {
        return execution.load(requestId).chain(state -> state.opened() && state.status() == ApprovalStatus.APPROVED
                ? notifications.grantFailed(state.approvalCase(), system, error)
                : Uni.createFrom().voidItem());
    }
}
