package io.eer.approval.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eer.approval.domain.MfaRequirement;
import io.eer.support.problem.Problem;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem answers this service needs beyond service-support's: MFA step-up (RFC 9470) and a named 415. */
public class ApprovalProblems {

    /** RFC 9457 problem with what a step-up needs: {@code acceptedMethods} (RFC 8176 amr values) and {@code maxAge}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepUpProblem(String type, String title, int status, String detail,
            List<Problem.Violation> violations, List<String> acceptedMethods, String maxAge) {
    }

    @ServerExceptionMapper
    public Response stepUp(StepUpRequired e) {
        MfaRequirement required = e.required();
        StringBuilder challenge = new StringBuilder("Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"" + description(required) + "\"");
        if (required.maxAge() != null) {
            challenge.append(", max_age=").append(required.maxAge().toSeconds());
        }
        StepUpProblem body = new StepUpProblem("https://eer.dev/problems/insufficient-user-authentication",
                "Insufficient user authentication", 401, e.violation().message(), List.of(e.violation()),
                required.acceptedMethods(), required.maxAge() == null ? null : required.maxAge().toString());
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", challenge.toString())
                .entity(body).build();
    }

    /** {@code @RolesAllowed} refused the caller: a problem naming the rule, like every other refusal. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        Problem problem = Problem.invalid(403, "Forbidden", List.of(new Problem.Violation("caller", "admin-only",
                "only " + AdminResource.ADMINS + " may do this")));
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        Problem problem = Problem.invalid(415, "Unsupported Media Type", List.of(new Problem.Violation("Content-Type",
                "media-type", "send the body as application/json")));
        return Response.status(415).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String description(MfaRequirement required) {
        // a quoted-string: no quotes or backslashes inside
        return ("authenticate with one of " + String.join(", ", required.acceptedMethods())
                + (required.maxAge() == null ? "" : " within the last " + required.maxAge().toSeconds() + " seconds"))
                .replaceAll("[\"\\\\]", "");
    }
}
