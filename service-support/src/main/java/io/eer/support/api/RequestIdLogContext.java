package io.eer.support.api;

import io.eer.support.observability.RequestIds;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A REST call that names an access request (a path parameter {@code requestId}, or the {@code {id}} of a
 * {@code .../requests/{id}} path) puts it into the log context ({@link RequestIds}), so its log lines carry the same
 * {@code requestId} as the events' consumers' lines; the response removes it.
 */
public class RequestIdLogContext {

    @ServerRequestFilter
    public void name(ContainerRequestContext request) {
        var parameters = request.getUriInfo().getPathParameters(true);
        String requestId = parameters.getFirst("requestId");
        if (requestId == null && request.getUriInfo().getPath().contains("/requests/")) {
            requestId = parameters.getFirst("id");
        }
        if (requestId != null) {
            RequestIds.put(requestId);
        }
    }

    @ServerResponseFilter
    public void forget() {
        MDC.remove(RequestIds.KEY);
    }
}
