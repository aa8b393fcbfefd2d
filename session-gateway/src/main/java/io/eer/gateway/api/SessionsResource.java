package io.eer.gateway.api;

import io.eer.gateway.application.LiveSessions;
import io.eer.gateway.projection.OpenSession;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/gateway/sessions}: the sessions open on this instance (session id, grant id, deadline), for the
 * groups {@code eer-admins}, {@code secops} and {@code auditors}; 403 problem for anyone else.
 */
@Path("/v1/gateway/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private static final Set<String> OVERSEERS = Set.of("eer-admins", "secops", "auditors");

    private final LiveSessions live;
    private final Callers callers;

    SessionsResource(LiveSessions live, Callers callers) {
        this.live = live;
        this.callers = callers;
    }

    @GET
    public List<OpenSession> open() {
        if (!callers.current().inAnyGroup(OVERSEERS)) {
            throw ProblemException.forbidden("caller", "not-allowed",
                    "only eer-admins, secops and auditors may list gateway sessions");
        }
        return live.open();
    }
}
