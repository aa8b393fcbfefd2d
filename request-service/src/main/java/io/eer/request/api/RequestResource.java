package io.eer.request.api;

import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.request.application.SubmitRequest;
import io.eer.request.domain.AccessRequest;
import io.eer.request.projection.RequestView;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.time.Duration;
import java.time.format.DateTimeParseException;

@Path("/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {

    private final SubmitRequest submitRequest;
    private final Callers callers;

    RequestResource(SubmitRequest submitRequest, Callers callers) {
        this.submitRequest = submitRequest;
        this.callers = callers;
    }

    /** The body as sent; duration stays text so a malformed one is reported by name. */
    public record RequestBody(RequestKind kind, Origin origin, String beneficiary, String system, String role,
            String duration, String justification, String incident) {
    }

    public record Created(String requestId, String status) {
    }

    public record StatusView(String requestId, String kind, String status, String requester, String beneficiary,
            String system, String role, String grantId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Response> submit(RequestBody body, @Context UriInfo uri) {
        if (body == null) {
            throw ProblemException.badRequest("body", "required", "send the request as a JSON object");
        }
        AccessRequest request = new AccessRequest(body.kind(), body.origin(), body.beneficiary(), body.system(),
                body.role(), duration(body.duration()), body.justification(), body.incident());
        return submitRequest.execute(request, callers.current()).map(outcome -> {
            if (!outcome.violations().isEmpty()) {
                Problem problem = Problem.invalid(422, "Request refused by policy", outcome.violations().stream()
                        .map(v -> new Problem.Violation(v.field(), v.rule(), v.message())).toList());
                return Response.status(422).type(Problem.MEDIA_TYPE)
                        .header("EER-Request-Id", outcome.requestId()).entity(problem).build();
            }
            return Response.created(uri.getAbsolutePathBuilder().path(outcome.requestId()).build())
                    .entity(new Created(outcome.requestId(), outcome.status().name())).build();
        });
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<StatusView> status(@PathParam("id") String id) {
        return RequestView.<RequestView>findById(id).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("request " + id);
            }
            return new StatusView(view.requestId, view.kind, view.status.name(), view.requester, view.beneficiary,
                    view.system, view.role, view.grantId);
        });
    }

    private static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("duration", "iso-8601", "'" + text + "' is not an ISO-8601 duration such as PT30M");
        }
    }
}
