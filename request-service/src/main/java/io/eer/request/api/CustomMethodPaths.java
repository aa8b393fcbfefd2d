package io.eer.request.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code /v1/requests:evaluate} and {@code /v1/policy:reload} are custom methods (Google AIP-136). Many HTTP clients
 * (REST Assured, some URI builders) send the colon percent-encoded as {@code %3A}; RFC 3986 makes the two forms
 * equivalent, but the REST layer matches the raw path, so such requests are re-routed with the colon decoded.
 */
@Singleton
public class CustomMethodPaths {

    void register(@Observes Router router) {
        router.route().order(-2).handler(this::decodeColon);
    }

    private void decodeColon(RoutingContext context) {
        String path = context.request().path();
        if (path != null && path.startsWith("/v1/") && (path.contains("%3A") || path.contains("%3a"))) {
            String query = context.request().query();
            String decoded = path.replace("%3A", ":").replace("%3a", ":");
            context.reroute(query == null ? decoded : decoded + "?" + query);
        } else {
            context.next();
        }
    }
}
