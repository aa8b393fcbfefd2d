package io.eer.approval.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An approval as the API shows it. {@code approvals}: ids of those who approved so far; {@code decisions}: every
 * decision taken (a DENY ends the approval). Absent optional fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(
        String requestId,
        String status,
        String requester,
        String beneficiary,
        String system,
        String role,
        String kind,
        String justification,
        String incident,
        String requestedDuration,
        String mode,
        List<String> approverGroups,
        int quorum,
        List<String> approvals,
        List<DecisionView> decisions,
        PolicyView policy,
        Instant requestedAt,
        Instant closedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionView(String approver, String decision, String comment, Instant decidedAt) {
    }

    public record PolicyView(String id, String version) {
    }
}
