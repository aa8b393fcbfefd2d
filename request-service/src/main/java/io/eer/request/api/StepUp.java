package io.eer.request.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eer.request.application.SubmitRequest;
import io.eer.request.domain.Policy;
import io.eer.support.problem.Problem;
import io.eer.support.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The RFC 9470 step-up answer: 401 with {@code WWW-Authenticate: Bearer error="insufficient_user_authentication"}
 * (plus {@code max_age} in seconds when the rule limits the age of auth_time) and a problem body saying what is
 * needed and what the token showed.
 */
final class StepUp {

    static final String TYPE = "https://eer.dev/problems/insufficient-user-authentication";

    private StepUp() {
    }

    record Challenge(String header, StepUpProblem problem) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepUpProblem(String type, String title, int status, String detail, List<Problem.Violation> violations,
            String requestId, List<String> acceptedMethods, String maxAge, List<String> presentedMethods,
            Long authAgeSeconds) {
    }

    static Challenge challenge(SubmitRequest.Outcome outcome, Caller caller, Instant now) {
        Policy.Mfa needed = outcome.stepUp();
        StringBuilder detail = new StringBuilder("authenticate again with one of ").append(needed.methods());
        if (needed.maxAge() != null) {
            detail.append(", at most ").append(needed.maxAge()).append(" before the request");
        }
        detail.append(", then send the same request");
        String header = "Bearer error=\"insufficient_user_authentication\", error_description=\""
                + detail.toString().replace("\"", "'") + "\"";
        if (needed.maxAge() != null) {
            header += ", max_age=" + needed.maxAge().toSeconds();
        }
        Long age = caller.authTime() == null ? null : Duration.between(caller.authTime(), now).toSeconds();
        StepUpProblem problem = new StepUpProblem(TYPE, "Insufficient user authentication", 401, detail.toString(),
                outcome.violations().stream().map(v -> new Problem.Violation(v.field(), v.rule(), v.message()))
                        .toList(),
                outcome.requestId(), needed.methods(), needed.maxAge() == null ? null : needed.maxAge().toString(),
                caller.amr(), age);
        return new Challenge(header, problem);
    }
}
