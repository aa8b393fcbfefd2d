package io.eer.approval.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An approval as the API shows it. {@code approvals}: ids of those who approved so far; {@code decisions}: every
 * decision taken (a DENY ends the approval). {@code escalation}, {@code escalationLevel}, {@code decisionDeadline}:
 * the EXPEDITED chain, how far it went and when the current level's time is up; {@code validUntil}: when an
 * undecided request expires; {@code approverMfa}: what a decision needs. Absent optional fields are left out.
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
        Instant closedAt,
        Boolean distinctGroups,
        List<String> escalation,
        Integer escalationLevel,
        Instant decisionDeadline,
        Instant validUntil,
        MfaView approverMfa) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionView(String approver, String decision, String comment, Instant decidedAt, List<String> groups,
            MfaEvidenceView mfa) {
    }

    public record PolicyView(String id, String version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MfaView(List<String> acceptedMethods, String maxAge) {
    }

    public record MfaEvidenceView(List<String> methods, Instant authTime) {
    }
}
