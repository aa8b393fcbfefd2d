package io.eer.request.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eer.request.domain.InvalidPolicyException;
import io.eer.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A policy that failed validation: 422, each error with its line, field (path in the file) and message. */
public class PolicyProblems {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyProblem(String type, String title, int status, String detail, List<PolicyViolation> violations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyViolation(String field, String rule, Integer line, String message) {
    }

    @ServerExceptionMapper
    public Response invalidPolicy(InvalidPolicyException e) {
        List<PolicyViolation> violations = e.errors().stream()
                .map(error -> new PolicyViolation(error.path() == null || error.path().isEmpty() ? "(document)"
                        : error.path(), "policy-valid", error.line() > 0 ? error.line() : null,
                        e.source() + " " + error))
                .toList();
        PolicyProblem problem = new PolicyProblem("https://eer.dev/problems/invalid-policy", "Invalid policy", 422,
                "the policy was not loaded; the active policy is unchanged: " + e.getMessage(), violations);
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
