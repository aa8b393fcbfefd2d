package io.eer.expiry.api;

import io.eer.expiry.domain.TimerStatus;
import io.eer.expiry.projection.TimerView;
import io.eer.support.api.Paging;
import io.eer.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Read-only view of the timers (the {@code TimerView} projection), for auditors and operators. */
@Path("/v1/timers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditors", "eer-admins"}) // the token's groups; anyone else gets a 403 problem
public class TimerResource {

    /** {@code latenessMillis} and {@code firedAt} are set once FIRED; {@code cancelledAt}, {@code cancelReason} once CANCELLED. */
    public record TimerState(String grantId, String requestId, Instant deadline, TimerStatus status, Instant firedAt,
            Long latenessMillis, Instant cancelledAt, String cancelReason) {

        static TimerState of(TimerView view) {
            return new TimerState(view.grantId, view.requestId, view.deadline, view.status(), view.firedAt,
                    view.latenessMillis, view.cancelledAt, view.cancelReason);
        }
    }

    @GET
    @Path("/{grantId}")
    @WithSession
    public Uni<TimerState> timer(@PathParam("grantId") String grantId) {
        return TimerView.<TimerView>findById(grantId).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("timer for grant " + grantId);
            }
            return TimerState.of(view);
        });
    }

    /** {@code ?status=pending|fired|cancelled} (any case; all when absent) and {@code ?limit=1..1000} (100). */
    @GET
    @WithSession
    public Uni<List<TimerState>> timers(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        return TimerView.inStatus(status(status), Paging.limit(limit))
                .map(views -> views.stream().map(TimerState::of).toList());
    }

    private static TimerStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TimerStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "one-of",
                    "'" + text + "' is not one of pending, fired, cancelled");
        }
    }

}
