package io.eer.request.api;

import io.eer.request.api.Bodies.StatusView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Every REST endpoint of the service in one place, including the custom methods {@code /v1/requests:evaluate} and
 * {@code /v1/policy:reload} (see {@link CustomMethodPaths}); the work is done by {@link RequestEndpoints} and
 * {@link PolicyEndpoints}. Bodies are taken as bytes and decoded as strict UTF-8 (a malformed byte is a 400, not a
 * silent U+FFFD); the endpoints check the content type and parse strictly themselves, so every bad input is named.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ApiResource {

    /** The groups (token {@code groups}, the identity's roles) that may load a policy. */
    static final String ADMINS = "${eer.request.admin-groups}";

    private final RequestEndpoints requests;
    private final PolicyEndpoints policy;

    ApiResource(RequestEndpoints requests, PolicyEndpoints policy) {
        this.requests = requests;
        this.policy = policy;
    }

    @POST
    @Path("/requests")
    public Uni<Response> submit(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Idempotency-Key") String key, @Context UriInfo uri) {
        return requests.submit(JsonBodies.utf8(body), contentType, key, uri);
    }

    @POST
    @Path("/requests:evaluate")
    public Response evaluate(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return requests.evaluate(JsonBodies.utf8(body), contentType);
    }

    @GET
    @Path("/requests/{id}")
    public Uni<StatusView> status(@PathParam("id") String id) {
        return requests.status(id);
    }

    @POST
    @Path("/requests/{id}/cancel")
    public Uni<Response> cancel(@PathParam("id") String id, byte[] body,
            @HeaderParam("Content-Type") String contentType) {
        return requests.cancel(id, JsonBodies.utf8(body), contentType);
    }

    @GET
    @Path("/policy")
    public PolicyEndpoints.PolicyView activePolicy() {
        return policy.active();
    }

    /** Admin groups only ({@code eer.request.admin-groups}); anyone else gets {@link AdminOnly}'s 403. */
    @PUT
    @Path("/policy")
    @RolesAllowed(ADMINS)
    public Uni<PolicyEndpoints.PolicyView> loadPolicy(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return policy.load(JsonBodies.utf8(body), contentType);
    }

    @POST
    @Path("/policy:reload")
    @RolesAllowed(ADMINS)
    public Uni<PolicyEndpoints.PolicyView> reloadPolicy() {
        return policy.reload();
    }
}
