package io.eer.support.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.support.problem.Problem;
import io.vertx.ext.web.RoutingContext;

/** Writes a 401 (or other) problem straight onto the HTTP response, before any resource is reached. */
final class Unauthorized {

    private Unauthorized() {
    }

    static void send(RoutingContext context, ObjectMapper json) {
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
