package io.eer.audit.insight.application;

import io.eer.audit.insight.projection.GrantView;
import io.eer.audit.insight.projection.RequestView;
import io.eer.audit.insight.projection.RequesterView;
import io.eer.audit.insight.projection.ReviewView;

import io.eer.ledger.format.LedgerFact;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one ledger entry to the projections, in the caller's transaction, using only what the entry and the
 * projections hold (never the clock), so replaying the ledger from index 0 gives the same rows. Before it changes
 * anything it hands the rules what the projections held just before the entry ({@link Loaded#context()}).
 */
@ApplicationScoped
public class ProjectionUpdater {

    static final String UNKNOWN = "UNKNOWN";

    /** The rows an entry touches, as they were before it. Null where there is none (yet). */
    public record Loaded(RequestView request, GrantView grant, ReviewView review, RequesterView requester,
            String requesterId) {

        public AlertRules.Context context() {
            return new AlertRules.Context(
                    request == null ? null
                            : new AlertRules.RequestState(request.kind, request.requester, request.beneficiary),
                    grant == null ? null : grantState(grant),
                    review == null ? null : new AlertRules.ReviewState(review.reviewId, review.requestId,
                            review.grantId, review.dueAt, review.scheduledIndex),
                    requester == null ? 0 : requester.refusalsInARow);
        }
    }

    public static AlertRules.GrantState grantState(GrantView grant) {
        return new AlertRules.GrantState(grant.grantId, grant.requestId, grant.beneficiary, grant.system,
                grant.expiresAt, grant.revokedAt, grant.grantedIndex);
    }

    public static AlertRules.ReviewState reviewState(ReviewView review) {
        return new AlertRules.ReviewState(review.reviewId, review.requestId, review.grantId, review.dueAt,
                review.scheduledIndex);
    }

    /**
     * Where the projection rows come from and where new ones go, in the caller's session: {@link ChunkRows} (the
     * rows a whole chunk of entries touches, loaded in a few set-wise queries, so applying an entry costs no round
     * trip).
     */
    public interface Rows {
        Uni<RequestView> request(String requestId);

        Uni<GrantView> grant(String grantId);

        Uni<ReviewView> review(String reviewId);

        Uni<RequesterView> requester(String requester);

        /**
         * A new row (a {@link RequestView}, {@link GrantView}, {@link ReviewView} or {@link RequesterView}):
         * persisted at the next flush, and found by the getters from now on.
         */
        Uni<Void> add(Object row);
    }

    /** Rows already in memory, looked up without a round trip. */
    public interface InMemory {
        /** Whether the row with this key is known: loaded, added, or known not to exist. */
        boolean knows(Class<?> table, String id);

        /** The known row, or null when it is known not to exist. */
        <T> T known(Class<T> table, String id);
    }

    /** Loads the rows {@code fact} concerns. */
    public Uni<Loaded> load(LedgerFact fact, Rows rows) {
        String grantId = fact.text("grantId");
        String reviewId = fact.text("reviewId");
        return rows.request(fact.requestId()).chain(request -> {
            Uni<GrantView> grant = grantId == null ? Uni.createFrom().nullItem() : rows.grant(grantId);
            return grant.chain(g -> {
                Uni<ReviewView> review = reviewId == null ? Uni.createFrom().nullItem() : rows.review(reviewId);
                return review.chain(r -> {
                    String requesterId = requesterOf(fact, request);
                    Uni<RequesterView> requester = requesterId == null ? Uni.createFrom().nullItem()
                            : rows.requester(requesterId);
                    return requester.map(q -> new Loaded(request, g, r, q, requesterId));
                });
            });
        });
    }

    /**
     * {@link #load} with no round trip, when {@code rows} already know every row the fact concerns (a rebuild's
     * chunk preloads them all); null when one is not known, then {@link #load} looks it up.
     */
    Loaded loadKnown(LedgerFact fact, InMemory rows) {
        String requestId = fact.requestId();
        String grantId = fact.text("grantId");
        String reviewId = fact.text("reviewId");
        if (!rows.knows(RequestView.class, requestId) || grantId != null && !rows.knows(GrantView.class, grantId)
                || reviewId != null && !rows.knows(ReviewView.class, reviewId)) {
            return null;
        }
        RequestView request = rows.known(RequestView.class, requestId);
        String requesterId = requesterOf(fact, request);
        if (requesterId != null && !rows.knows(RequesterView.class, requesterId)) {
            return null;
        }
        return new Loaded(request, grantId == null ? null : rows.known(GrantView.class, grantId),
                reviewId == null ? null : rows.known(ReviewView.class, reviewId),
                requesterId == null ? null : rows.known(RequesterView.class, requesterId), requesterId);
    }

    /** Whose refusal streak the entry moves: refusals and approvals only. */
    static String requesterOf(LedgerFact fact, RequestView request) {
        return switch (fact.kind()) {
            case REQUEST_REJECTED -> fact.text("requester", "id");
            case DENIED -> request == null ? null : request.requester;
            case APPROVED -> fact.text("requester") != null ? fact.text("requester")
                    : request == null ? null : request.requester;
            default -> null;
        };
    }

    /** Applies {@code fact} to the rows in {@code loaded} (new rows are persisted, loaded ones change in place). */
    public Uni<Void> apply(LedgerFact fact, Loaded loaded, Rows rows) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Object row : change(fact, loaded)) { // one after the other: a session is not for concurrent use
            done = done.chain(() -> rows.add(row));
        }
        return done;
    }

    /** Applies {@code fact} to the rows in {@code loaded} in memory (loaded ones change in place); answers new rows. */
    List<Object> change(LedgerFact fact, Loaded loaded) {
        List<Object> inserts = new ArrayList<>(2);
        RequestView request = loaded.request();
        if (request == null) {
            request = new RequestView();
            request.requestId = fact.requestId();
            request.status = UNKNOWN;
            request.firstIndex = fact.index();
            inserts.add(request);
        }
        request.lastIndex = fact.index();
        request.eventCount++;
        Instant time = fact.time();
        switch (fact.kind()) {
            case EMERGENCY_REQUESTED -> {
                request.kind = fact.text("kind");
                request.requester = fact.text("requester", "id");
                request.beneficiary = fact.text("beneficiary");
                request.system = fact.text("system");
                request.role = fact.text("role");
                request.incident = fact.text("incident");
                request.requestedAt = time;
                if (UNKNOWN.equals(request.status)) {
                    request.status = "REQUESTED";
                }
            }
            case REQUEST_REJECTED -> {
                request.requester = fact.text("requester", "id");
                request.system = fact.text("system");
                request.role = fact.text("role");
                request.requestedAt = request.requestedAt == null ? time : request.requestedAt;
                request.status = "REJECTED";
                request.decidedAt = time;
                addIfNew(inserts, refused(fact, loaded));
            }
            case REQUEST_CANCELLED -> {
                request.status = "CANCELLED";
                request.endedAt = time;
            }
            case APPROVED -> {
                request.status = "APPROVED";
                request.decidedAt = time;
                List<String> approvers = new ArrayList<>();
                fact.data().path("approvers").forEach(approver -> approvers.add(approver.asText()));
                request.approvers = String.join(",", approvers);
                request.requester = request.requester == null ? fact.text("requester") : request.requester;
                request.beneficiary = request.beneficiary == null ? fact.text("beneficiary") : request.beneficiary;
                request.system = request.system == null ? fact.text("system") : request.system;
                request.role = request.role == null ? fact.text("role") : request.role;
                if (loaded.requester() != null) {
                    loaded.requester().refusalsInARow = 0;
                }
            }
            case DENIED -> {
                request.status = "DENIED";
                request.decidedAt = time;
                addIfNew(inserts, refused(fact, loaded));
            }
            case APPROVAL_TIMED_OUT -> {
                request.status = "TIMED_OUT";
                request.decidedAt = time;
            }
            case ACCESS_GRANTED -> {
                request.status = "GRANTED";
                request.grantedAt = fact.instant("grantedAt");
                if (loaded.grant() == null && fact.text("grantId") != null) {
                    GrantView grant = new GrantView();
                    grant.grantId = fact.text("grantId");
                    grant.requestId = fact.requestId();
                    grant.beneficiary = fact.text("beneficiary");
                    grant.system = fact.text("system");
                    grant.role = fact.text("role");
                    grant.grantedAt = fact.instant("grantedAt");
                    grant.expiresAt = fact.instant("expiresAt");
                    grant.status = GrantView.ACTIVE;
                    grant.grantedIndex = fact.index();
                    inserts.add(grant);
                }
            }
            case GRANT_FAILED -> request.status = "GRANT_FAILED";
            case SESSION_ACTION_LOGGED -> {
                GrantView grant = loaded.grant();
                Instant at = fact.instant("at");
                if (grant != null) {
                    grant.actionCount++;
                    if (at != null && (grant.lastActionAt == null || at.isAfter(grant.lastActionAt))) {
                        grant.lastActionAt = at;
                    }
                }
            }
            case ACCESS_REVOKED -> {
                GrantView grant = loaded.grant();
                if (grant != null) {
                    grant.status = GrantView.REVOKED;
                    grant.revokedAt = fact.instant("revokedAt");
                    grant.revokeReason = fact.text("reason");
                }
                request.status = "ENDED";
                request.endedAt = fact.instant("revokedAt");
            }
            case ACCESS_EXPIRED -> {
                if (loaded.grant() != null) {
                    loaded.grant().expiredAt = fact.instant("firedAt");
                }
            }
            case ACCESS_EXTENDED -> {
                // the deadline moved: overdue and late-revocation checks measure against the new one
                if (loaded.grant() != null && fact.instant("expiresAt") != null) {
                    loaded.grant().expiresAt = fact.instant("expiresAt");
                }
            }
            case REVIEW_SCHEDULED -> {
                if (loaded.review() == null && fact.text("reviewId") != null) {
                    ReviewView review = new ReviewView();
                    review.reviewId = fact.text("reviewId");
                    review.grantId = fact.text("grantId");
                    review.requestId = fact.requestId();
                    List<String> groups = new ArrayList<>();
                    fact.data().path("reviewerGroups").forEach(group -> groups.add(group.asText()));
                    review.reviewerGroups = String.join(",", groups);
                    review.dueAt = fact.instant("dueAt");
                    review.status = ReviewView.SCHEDULED;
                    review.scheduledIndex = fact.index();
                    inserts.add(review);
                }
            }
            case REVIEW_COMPLETED -> {
                ReviewView review = loaded.review();
                if (review != null) {
                    review.status = ReviewView.COMPLETED;
                    review.outcome = fact.text("outcome");
                    review.reviewer = fact.text("reviewer");
                    review.completedAt = time;
                }
            }
            default -> {
                // other types (alerts, refused attempts, unknown types) only count in the request's timeline
            }
        }
        return inserts;
    }

    private static void addIfNew(List<Object> inserts, RequesterView row) {
        if (row != null) {
            inserts.add(row);
        }
    }

    /** Counts the refusal; answers the requester's row when it is new. */
    private static RequesterView refused(LedgerFact fact, Loaded loaded) {
        if (loaded.requesterId() == null) {
            return null;
        }
        RequesterView requester = loaded.requester();
        if (requester == null) {
            requester = new RequesterView();
            requester.requester = loaded.requesterId();
            requester.refusalsInARow = 1;
            requester.lastRefusalIndex = fact.index();
            return requester;
        }
        requester.refusalsInARow++;
        requester.lastRefusalIndex = fact.index();
        return null;
    }
}
