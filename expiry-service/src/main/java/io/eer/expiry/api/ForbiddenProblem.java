package io.eer.expiry.api;

import io.eer.support.problem.Problem;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A caller {@code @RolesAllowed} turns away gets a 403 problem, like every other refusal. */
public class ForbiddenProblem {

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Forbidden", "timers are visible to the groups auditors and eer-admins"))
                .build();
    }
}
