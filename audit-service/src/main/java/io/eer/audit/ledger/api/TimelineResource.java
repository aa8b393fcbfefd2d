package io.eer.audit.ledger.api;

import io.eer.audit.ledger.application.ReadTimeline.Timeline;
import io.eer.audit.ledger.application.ReadTimeline;
import io.eer.support.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A request's events in ledger order, for auditors, admins and the requester. */
@Path("/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    private final ReadTimeline readTimeline;
    private final Callers callers;

    TimelineResource(ReadTimeline readTimeline, Callers callers) {
        this.readTimeline = readTimeline;
        this.callers = callers;
    }

    @GET
    @Path("/{id}/timeline")
    public Uni<Timeline> timeline(@PathParam("id") String requestId) {
        return readTimeline.execute(requestId, callers.current());
    }
}
