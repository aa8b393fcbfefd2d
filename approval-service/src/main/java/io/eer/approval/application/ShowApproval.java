package io.eer.approval.application;

import io.eer.approval.domain.RequestId;
import io.eer.approval.projection.ApprovalReadModel;
import io.eer.approval.projection.ApprovalView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * One approval, for the approvers who may see it (the groups reached so far, any status): what the "Decide" link in
 * a notification opens. Empty for everyone else, so that an outsider cannot tell an unknown request from one that is
 * not theirs.
 */
@ApplicationScoped
public class ShowApproval {

    public Uni<Optional<ApprovalView>> execute(RequestId requestId, Set<String> callerGroups) {
        return ApprovalReadModel.visibleOne(requestId.value(), callerGroups);
    }
}
