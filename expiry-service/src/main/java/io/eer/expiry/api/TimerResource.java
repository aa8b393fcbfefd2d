package io.eer.expiry.api;

import io.eer.expiry.domain.Timer;
import io.eer.expiry.domain.TimerStatus;
import io.eer.expiry.projection.TimerView;
import io.eer.support.api.Paging;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Read-only view of the timers, for auditors and operators. */
@Path("/v1/timers")
@Produces(MediaType.APPLICATION_JSON)
public class TimerResource {

    static final Set<String> READERS = Set.of("auditors", "eer-admins");

    private final Callers callers;

    TimerResource(Callers callers) {
        this.callers = callers;
    }

    /** {@code latenessMillis} and {@code firedAt} are set once FIRED; {@code cancelledAt}, {@code cancelReason} once CANCELLED. */
    public record TimerState(String grantId, String requestId, Instant deadline, TimerStatus status, Instant firedAt,
            Long latenessMillis, Instant cancelledAt, String cancelReason) {

        static TimerState of(TimerView view) {
            Timer timer = view.toDomain();
            return new TimerState(timer.grantId(), timer.requestId(), timer.deadline(), timer.status(),
                    timer.firedAt(), timer.latenessMillis(), timer.cancelledAt(), timer.cancelReason());
        }
    }

    @GET
    @Path("/{grantId}")
    @WithSession
    public Uni<TimerState> timer(@PathParam("grantId") String grantId) {
        authorize();
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
        authorize();
        return TimerView.inStatus(status(status), Paging.limit(limit))
                .map(views -> views.stream().map(TimerState::of).toList());
    }

    private void authorize() {
        if (!callers.current().inAnyGroup(READERS)) {
            throw ProblemException.forbidden("timers are visible to the groups auditors and eer-admins");
        }
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
