package io.eer.request.api;

import io.eer.request.api.Bodies.ApprovalView;
import io.eer.request.api.Bodies.EvaluationView;
import io.eer.request.api.Bodies.MfaView;
import io.eer.request.api.Bodies.PolicyRefView;
import io.eer.request.api.Bodies.ReviewView;
import io.eer.request.api.Bodies.RuleView;
import io.eer.request.api.Bodies.StatusView;
import io.eer.request.api.Bodies.ViolationView;
import io.eer.request.application.Requesters;
import io.eer.request.domain.MfaRequirement;
import io.eer.request.domain.Origin;
import io.eer.request.domain.RequestedAccess;
import io.eer.request.domain.RuleViolation;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyDecision;
import io.eer.request.domain.RequestPolicy;
import io.eer.request.projection.RequestView;
import io.eer.support.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Maps domain values to response bodies. */
final class Views {

    private Views() {
    }

    static StatusView status(RequestView view) {
        PolicyRefView policy = view.policyId == null ? null : new PolicyRefView(view.policyId, view.policyVersion);
        return new StatusView(view.requestId, view.kind, view.origin, view.status.name(), view.requester,
                view.beneficiary, view.system, view.role, view.duration, view.incident, view.ticket, view.grantId,
                view.ruleId, policy, view.cancelledBy, view.cancelReason, text(view.cancelledAt),
                text(view.createdAt), text(view.updatedAt));
    }

    static EvaluationView evaluation(Policy policy, PolicyDecision decision, RequestedAccess request, Caller caller,
            Instant now) {
        PolicyRefView ref = new PolicyRefView(policy.id(), policy.version());
        List<RuleView> rules = decision.checks().stream()
                .map(c -> new RuleView(c.ruleId(), c.accepts(), c.selected(), violations(c.failures())))
                .toList();
        if (decision instanceof PolicyDecision.Accepted accepted) {
            Policy.Rule rule = accepted.rule();
            // on someone's behalf: say plainly how far the beneficiary was checked (the supervisor's word, or listed)
            String beneficiaryCheck = request.origin() == Origin.ON_BEHALF && rule.requesters().beneficiaryCheck() != null
                    ? rule.requesters().beneficiaryCheck().name() : null;
            return new EvaluationView(true, "PENDING_APPROVAL", ref, rule.id(), text(accepted.duration()),
                    approval(rule.approval()), review(rule.review()), mfa(rule.mfa(), caller, now), beneficiaryCheck,
                    List.of(), rules);
        }
        PolicyDecision.Refused refused = (PolicyDecision.Refused) decision;
        String outcome = refused.stepUp() != null ? "STEP_UP_REQUIRED" : "REJECTED";
        MfaView mfa = refused.stepUp() == null ? null : mfa(refused.stepUp(), caller, now);
        return new EvaluationView(false, outcome, ref, null, null, null, null, mfa, null,
                violations(refused.violations()), rules);
    }

    static ApprovalView approval(Policy.Approval approval) {
        MfaRequirement approverMfa = approval.approverMfa();
        return new ApprovalView(approval.mode().name(), approval.approverGroups(), approval.quorum(),
                approval.distinctGroups(), text(approval.decisionTimeout()),
                approval.escalation().isEmpty() ? null : approval.escalation(), text(approval.validity()),
                approverMfa == null ? null
                        : new MfaView(null, approverMfa.acceptedMethods(), text(approverMfa.maxAge()), null));
    }

    static ReviewView review(Policy.Review review) {
        return review == null ? null : new ReviewView(review.reviewerGroups(), text(review.dueWithin()));
    }

    static MfaView mfa(Policy.Mfa mfa, Caller caller, Instant now) {
        boolean satisfied = RequestPolicy.authentication(mfa, Requesters.of(caller).mfa(), now).isEmpty();
        return new MfaView(mfa.required(), mfa.methods().isEmpty() ? null : mfa.methods(), text(mfa.maxAge()),
                satisfied);
    }

    static List<ViolationView> violations(List<RuleViolation> violations) {
        return violations.stream().map(v -> new ViolationView(v.field(), v.rule(), v.message())).toList();
    }

    static String text(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
