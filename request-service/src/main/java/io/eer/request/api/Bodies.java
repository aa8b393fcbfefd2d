package io.eer.request.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eer.request.domain.Origin;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestKind;
import java.util.List;

/** Request and response bodies of the REST API. Durations are ISO-8601 text, instants RFC 3339. */
final class Bodies {

    private Bodies() {
    }

    /** {@code POST /v1/requests} and {@code POST /v1/requests:evaluate}. Duration stays text so a bad one is named. */
    record RequestBody(RequestKind kind, Origin origin, BeneficiaryBody beneficiary, String system, String role,
            String duration, String justification, String incident, String ticket, ScopeBody scope) {
    }

    /** The objects the access is for, narrower than the system's scope in the policy. */
    record ScopeBody(List<String> objects) {
    }

    record BeneficiaryBody(String id, PrincipalType type) {
    }

    record CancelBody(String reason) {
    }

    record Created(String requestId, String status, PolicyRefView policy, String rule, String duration) {
    }

    record PolicyRefView(String id, String version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusView(String requestId, String kind, String origin, String status, String requester,
            String beneficiary, String system, String role, String duration, String incident, String ticket,
            String grantId, String rule, PolicyRefView policy, String cancelledBy, String cancelReason,
            String cancelledAt, String createdAt, String updatedAt) {
    }

    /** The answer of {@code POST /v1/requests:evaluate}; nothing is created. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EvaluationView(boolean allowed, String outcome, PolicyRefView policy, String rule, String duration,
            ApprovalView approval, ReviewView review, MfaView mfa, String beneficiaryCheck, List<ViolationView> violations,
            List<RuleView> rules) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApprovalView(String mode, List<String> approverGroups, int quorum, boolean distinctGroups,
            String decisionTimeout, List<String> escalation, String validity, MfaView approverMfa) {
    }

    record ReviewView(List<String> reviewerGroups, String dueWithin) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MfaView(Boolean required, List<String> methods, String maxAge, Boolean satisfied) {
    }

    record ViolationView(String field, String rule, String message) {
    }

    record RuleView(String id, boolean accepts, boolean selected, List<ViolationView> failures) {
    }
}
