package io.eer.request.api;

import io.eer.request.config.RequestSettings;
import io.eer.support.problem.Problem;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A caller outside the admin groups on an admin endpoint ({@code @RolesAllowed} in {@link ApiResource}): 403 problem
 * naming field {@code caller} and rule {@code admin-group}. The admin endpoints are this service's only
 * {@code @RolesAllowed} ones; every other refusal is a {@code ProblemException} with its own rule.
 */
public class AdminOnly {

    private final RequestSettings settings;

    AdminOnly(RequestSettings settings) {
        this.settings = settings;
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        Problem problem = Problem.invalid(403, "Forbidden", List.of(new Problem.Violation("caller", "admin-group",
                "only members of " + settings.adminGroups() + " may load a policy")));
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
