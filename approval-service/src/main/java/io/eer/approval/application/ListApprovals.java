package io.eer.approval.application;

import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.projection.ApprovalReadModel;
import io.eer.approval.projection.ApprovalView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The approvals a caller sees: those whose approver groups include one of the caller's groups. {@code pending}
 * narrows to the ones the caller may still decide (not their own request, not decided by them yet).
 */
@ApplicationScoped
public class ListApprovals {

    public enum Filter {
        PENDING(EnumSet.of(ApprovalStatus.PENDING)),
        APPROVED(EnumSet.of(ApprovalStatus.APPROVED)),
        DENIED(EnumSet.of(ApprovalStatus.DENIED)),
        CANCELLED(EnumSet.of(ApprovalStatus.CANCELLED)),
        EXPIRED(EnumSet.of(ApprovalStatus.EXPIRED)),
        ALL(EnumSet.allOf(ApprovalStatus.class));

        private final Set<ApprovalStatus> statuses;

        Filter(Set<ApprovalStatus> statuses) {
            this.statuses = statuses;
        }
    }

    public Uni<List<ApprovalView>> execute(String caller, Set<String> callerGroups, Filter filter, int limit) {
        return ApprovalReadModel.visibleTo(caller, callerGroups, filter.statuses, filter == Filter.PENDING, limit);
    }
}
