package io.eer.audit.insight.api;

import io.eer.audit.insight.application.AsOfQueries;
import io.eer.audit.insight.application.Projector;
import io.eer.audit.insight.projection.GrantView;
import io.eer.audit.insight.projection.RequestView;
import io.eer.audit.insight.projection.ReviewView;
import io.eer.audit.ledger.application.TimelineAccess;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Read models derived from the ledger (request timeline, active grants, who is elevated where, review status),
 * their rebuild, and the as-of questions answered from the ledger itself. Auditors and admins read; only admins
 * rebuild.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionResource {

    static final int MAX_ROWS = 1000;
    static final Set<String> REVIEW_STATUSES = Set.of("SCHEDULED", "COMPLETED", "OVERDUE");

    private final Projector projector;
    private final AsOfQueries asOf;
    private final Callers callers;
    private final Clock clock;

    ProjectionResource(Projector projector, AsOfQueries asOf, Callers callers, Clock clock) {
        this.projector = projector;
        this.asOf = asOf;
        this.callers = callers;
        this.clock = clock;
    }

    /** {@code rebuilding}: a rebuild is replaying the ledger (the projections are partly built until it is done). */
    public record Status(long position, long ledgerSize, long behind, boolean rebuilding) {
    }

    public record Rebuild(long entries, long position) {
    }

    public record Request(String requestId, String kind, String requester, String beneficiary, String system,
            String role, String incident, String status, List<String> approvers, Instant requestedAt,
            Instant decidedAt, Instant grantedAt, Instant endedAt, long firstIndex, long lastIndex, int eventCount) {

        static Request of(RequestView v) {
            return new Request(v.requestId, v.kind, v.requester, v.beneficiary, v.system, v.role, v.incident,
                    v.status, v.approvers == null || v.approvers.isEmpty() ? List.of()
                            : Arrays.asList(v.approvers.split(",")),
                    v.requestedAt, v.decidedAt, v.grantedAt, v.endedAt, v.firstIndex, v.lastIndex, v.eventCount);
        }
    }

    public record Grant(String grantId, String requestId, String beneficiary, String system, String role,
            Instant grantedAt, Instant expiresAt, Instant expiredAt, Instant revokedAt, String revokeReason,
            String status, boolean pastDeadline, int actionCount, Instant lastActionAt, long grantedIndex) {

        static Grant of(GrantView v, Instant now) {
            return new Grant(v.grantId, v.requestId, v.beneficiary, v.system, v.role, v.grantedAt, v.expiresAt,
                    v.expiredAt, v.revokedAt, v.revokeReason, v.status,
                    GrantView.ACTIVE.equals(v.status) && v.expiresAt != null && now.isAfter(v.expiresAt),
                    v.actionCount, v.lastActionAt, v.grantedIndex);
        }
    }

    public record Review(String reviewId, String grantId, String requestId, List<String> reviewerGroups,
            Instant dueAt, String status, boolean overdue, String outcome, String reviewer, Instant completedAt,
            long scheduledIndex) {

        static Review of(ReviewView v, Instant now) {
            return new Review(v.reviewId, v.grantId, v.requestId,
                    v.reviewerGroups == null || v.reviewerGroups.isEmpty() ? List.of()
                            : Arrays.asList(v.reviewerGroups.split(",")),
                    v.dueAt, v.status, ReviewView.SCHEDULED.equals(v.status) && v.dueAt != null
                            && now.isAfter(v.dueAt), v.outcome, v.reviewer, v.completedAt, v.scheduledIndex);
        }
    }

    public record Elevated(String system, Instant at, String source, Long ledgerSize, List<?> holders) {
    }

    /** Rebuilds every projection from ledger index 0 up to the live position (admins only). */
    @POST
    @Path("/projections/rebuild")
    public Uni<Rebuild> rebuild() {
        if (!callers.current().inAnyGroup(Set.of("eer-admins"))) {
            throw ProblemException.forbidden("only the group eer-admins may rebuild the projections");
        }
        return projector.rebuild().map(rebuilt -> new Rebuild(rebuilt.entries(), rebuilt.position()));
    }

    /** How far the projections have applied the ledger. */
    @GET
    @Path("/projections/status")
    public Uni<Status> status() {
        authorize();
        return projector.status().map(s -> new Status(s[0], s[1], s[1] - s[0], s[2] >= 0));
    }

    @GET
    @Path("/projections/requests/{id}")
    public Uni<Request> request(@PathParam("id") String requestId) {
        authorize();
        return Panache.withSession(() -> RequestView.<RequestView>findById(requestId)).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("request " + requestId);
            }
            return Request.of(view);
        });
    }

    /** Grants, ACTIVE by default, optionally of one system, oldest first (at most 1000). */
    @GET
    @Path("/projections/grants")
    public Uni<List<Grant>> grants(@QueryParam("status") String status, @QueryParam("system") String system) {
        authorize();
        String wanted = status == null || status.isBlank() ? GrantView.ACTIVE : status.trim();
        if (!wanted.equals(GrantView.ACTIVE) && !wanted.equals(GrantView.REVOKED)) {
            throw ProblemException.badRequest("status", "one-of", "status must be ACTIVE or REVOKED");
        }
        Instant now = clock.instant();
        return Panache.withSession(() -> (system == null || system.isBlank()
                ? GrantView.<GrantView>find("status = ?1 order by grantedIndex", wanted)
                : GrantView.<GrantView>find("status = ?1 and system = ?2 order by grantedIndex", wanted, system))
                .page(0, MAX_ROWS).list())
                .map(rows -> rows.stream().map(row -> Grant.of(row, now)).toList());
    }

    /**
     * Who is elevated on {@code system}: right now from the grant projection, or at {@code at} (RFC 3339) from the
     * ledger entries themselves.
     */
    @GET
    @Path("/systems/{system}/elevated")
    public Uni<Elevated> elevated(@PathParam("system") String system, @QueryParam("at") String at) {
        authorize();
        if (at != null && !at.isBlank()) {
            Instant when = instant("at", at);
            return asOf.elevatedAt(system, when)
                    .map(result -> new Elevated(system, when, "ledger", result.ledgerSize(), result.holders()));
        }
        Instant now = clock.instant();
        return Panache.withSession(() -> GrantView.<GrantView>find(
                "status = ?1 and system = ?2 order by grantedIndex", GrantView.ACTIVE, system).page(0, MAX_ROWS).list())
                .map(rows -> new Elevated(system, now, "projection", null,
                        rows.stream().map(row -> Grant.of(row, now)).toList()));
    }

    /** Everything grant {@code grantId} did, from the ledger. */
    @GET
    @Path("/grants/{grantId}/activity")
    public Uni<AsOfQueries.GrantActivity> grantActivity(@PathParam("grantId") String grantId) {
        authorize();
        return asOf.grantActivity(grantId);
    }

    /** Reviews by status: SCHEDULED (default), COMPLETED, or OVERDUE (scheduled and past due), oldest first. */
    @GET
    @Path("/projections/reviews")
    public Uni<List<Review>> reviews(@QueryParam("status") String status) {
        authorize();
        String wanted = status == null || status.isBlank() ? ReviewView.SCHEDULED : status.trim();
        if (!REVIEW_STATUSES.contains(wanted)) {
            throw ProblemException.badRequest("status", "one-of", "status must be SCHEDULED, COMPLETED or OVERDUE");
        }
        Instant now = clock.instant();
        return Panache.withSession(() -> (wanted.equals("OVERDUE")
                ? ReviewView.<ReviewView>find("status = ?1 and dueAt < ?2 order by scheduledIndex",
                        ReviewView.SCHEDULED, now)
                : ReviewView.<ReviewView>find("status = ?1 order by scheduledIndex", wanted))
                .page(0, MAX_ROWS).list())
                .map(rows -> rows.stream().map(row -> Review.of(row, now)).toList());
    }

    @GET
    @Path("/projections/reviews/{id}")
    public Uni<Review> review(@PathParam("id") String reviewId) {
        authorize();
        Instant now = clock.instant();
        return Panache.withSession(() -> ReviewView.<ReviewView>findById(reviewId)).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("review " + reviewId);
            }
            return Review.of(view, now);
        });
    }

    private void authorize() {
        if (!callers.current().inAnyGroup(TimelineAccess.READER_GROUPS)) {
            throw ProblemException.forbidden("projections are visible to the groups auditors and eer-admins");
        }
    }

    private static Instant instant(String field, String text) {
        try {
            return io.eer.support.api.Params.plausible(field, Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "format", field + " must be an RFC 3339 time in UTC, "
                    + "e.g. 2026-11-26T10:15:00Z");
        }
    }
}
