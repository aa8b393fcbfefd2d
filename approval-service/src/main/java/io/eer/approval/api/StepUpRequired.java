package io.eer.approval.api;

import io.eer.approval.domain.MfaRequirement;
import io.eer.support.problem.Problem;

/**
 * The decision needs a stronger or fresher authentication (RFC 9470): answered 401 with
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication"} and a problem naming what is needed.
 */
public class StepUpRequired extends RuntimeException {

    private final Problem.Violation violation;
    private final MfaRequirement required;

    public StepUpRequired(Problem.Violation violation, MfaRequirement required) {
        super(violation.message());
        this.violation = violation;
        this.required = required;
    }

    public Problem.Violation violation() {
        return violation;
    }

    public MfaRequirement required() {
        return required;
    }
}
