package io.eer.support.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.support.problem.Problem;
import io.eer.support.problem.Problem.Violation;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Writes a 401 (or other) problem straight onto the HTTP response, before any resource is reached. */
final class Unauthorized {

    private Unauthorized() {
    }

    /** Routing-context key of the {@link Violation} a verified token broke ({@link TokenRules}). */
    static final String REFUSED_CLAIM = "eer.refused-claim";

    static void send(RoutingContext context, ObjectMapper json) {
        Violation refused = context.get(REFUSED_CLAIM);
        if (refused != null) {
            context.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\""
                    + refused.field() + ": " + refused.rule() + "\"");
            write(context, json, Problem.invalid(401, "Unauthorized", List.of(refused)));
            return;
        }
        boolean tokenSent = context.request().getHeader("Authorization") != null;
        context.response().putHeader("WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(context, json, Problem.of(401, "Unauthorized", tokenSent
                ? "the bearer token is invalid, expired or not signed by the trusted issuer"
                : "send a bearer token (Authorization: Bearer <JWT>)"));
    }

    static void write(RoutingContext context, ObjectMapper json, Problem problem) {
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        try {
            context.response().end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().end();
        }
    }
}
