package io.eer.grant.api;

import io.eer.grant.application.RedeemGatewaySecret;
import io.eer.grant.application.Refused;
import io.eer.grant.domain.GatewaySecretRefusal;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code POST /v1/gateway/sessions}: the session gateway (group {@code session-gateways}) redeems a beneficiary's
 * one-time secret, once, for the temporary login it opens the session with. 403 for any other caller; an unknown,
 * used, expired or mismatched secret is 404 {@code invalid-secret} (all alike: no oracle for which it was).
 */
@Path("/v1/gateway/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class GatewaySessionResource {

    private static final int MAX = 512;

    private final RedeemGatewaySecret redeem;
    private final Callers callers;

    GatewaySessionResource(RedeemGatewaySecret redeem, Callers callers) {
        this.redeem = redeem;
        this.callers = callers;
    }

    /** The secret the client presented as its password, the user and database it asked for. */
    public record RedeemBody(String secret, String user, String database) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Response> redeem(RedeemBody body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "required", "send {secret, user, database}");
        }
        require("secret", body.secret());
        require("user", body.user());
        require("database", body.database());
        return redeem.execute(body.secret(), body.user(), body.database(), callers.current())
                .map(session -> Response.ok(session).header("Cache-Control", "no-store").build())
                .onFailure(Refused.class).transform(e -> problem((Refused) e));
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, "required", field + " is required");
        }
        if (value.length() > MAX) {
            throw ProblemException.badRequest(field, "max-length", field + " is at most " + MAX + " characters");
        }
    }

    private static ProblemException problem(Refused refused) {
        int status = refused.rule() == GatewaySecretRefusal.NOT_A_GATEWAY ? 403 : 404;
        String field = refused.rule() == GatewaySecretRefusal.NOT_A_GATEWAY ? "caller" : "secret";
        return new ProblemException(Problem.invalid(status, status == 403 ? "Forbidden" : "Not Found",
                List.of(new Problem.Violation(field, refused.rule().rule(), refused.getMessage()))));
    }
}
