package io.eer.grant.api;

import io.eer.grant.application.ChangeGrant;
import io.eer.grant.application.Refused;
import io.eer.grant.domain.GrantRefusal;
import io.eer.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused operation as RFC 9457 problem+json: the status follows the rule, {@code rule} names it. */
public class RefusalProblems {

    @ServerExceptionMapper
    public Response refused(Refused refused) {
        int status = status(refused.rule());
        Problem problem = Problem.invalid(status, title(status),
                List.of(new Problem.Violation(field(refused.rule()), refused.rule().rule(), refused.getMessage())));
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The target could not follow an extension: nothing was recorded, the caller may try again. */
    @ServerExceptionMapper
    public Response targetUnavailable(ChangeGrant.TargetUnavailable unavailable) {
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(503, "Service Unavailable", unavailable.getMessage() + "; nothing was changed"))
                .build();
    }

    /** The field a refusal is about: the requested deadline for the extension bounds, else the grant. */
    static String field(io.eer.support.decider.Rule rule) {
        return rule == GrantRefusal.MAX_DURATION || rule == GrantRefusal.NOT_LATER ? "expiresAt" : "grantId";
    }

    static int status(io.eer.support.decider.Rule rule) {
        if (rule == GrantRefusal.UNKNOWN_GRANT) {
            return 404;
        }
        if (rule == GrantRefusal.NOT_ALLOWED || rule == GrantRefusal.SEPARATION_OF_DUTIES
                || rule == GrantRefusal.APPROVER_GROUP) {
            return 403;
        }
        if (rule == GrantRefusal.MAX_DURATION || rule == GrantRefusal.NOT_LATER) {
            return 422;
        }
        if (rule == GrantRefusal.CREDENTIALS_FETCHED_ONCE || rule == GrantRefusal.GRANT_ENDED
                || rule == GrantRefusal.CREDENTIALS_UNAVAILABLE) {
            return 410;
        }
        return 409;
    }

    private static String title(int status) {
        return switch (status) {
            case 404 -> "Not Found";
            case 403 -> "Forbidden";
            case 410 -> "Gone";
            case 422 -> "Unprocessable Content";
            default -> "Conflict";
        };
    }
}
