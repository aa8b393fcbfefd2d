package io.eer.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.support.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** A token that was sent but failed verification (forged, expired, wrong issuer) gets a 401 problem too. */
@Singleton
public class AuthFailureHandler {

    private final ObjectMapper json;

    AuthFailureHandler(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(-1).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            Unauthorized.send(context, json);
        } else if (failure instanceof ForbiddenException) {
            Unauthorized.write(context, json, Problem.of(403, "Forbidden", "your token does not allow this"));
        } else {
            context.next();
        }
    }
}
