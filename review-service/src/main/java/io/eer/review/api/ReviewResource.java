package io.eer.review.api;

import io.eer.review.application.AttestReview;
import io.eer.review.application.BuildEvidencePack;
import io.eer.review.application.CompleteReview;
import io.eer.review.application.ListReviews;
import io.eer.review.application.ReviewDetail;
import io.eer.review.domain.Outcome;
import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewId;
import io.eer.review.domain.ReviewRule;
import io.eer.review.projection.ReviewView;
import io.eer.support.api.Paging;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.eer.support.security.Callers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * Reviews over REST. Who may see or complete a review depends on the review (its reviewer groups and excluded
 * people), so access is decided per review, not by a fixed {@code @RolesAllowed} group.
 */
@Path("/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final CompleteReview completeReview;
    private final AttestReview attestReview;
    private final ListReviews listReviews;
    private final BuildEvidencePack buildEvidencePack;
    private final Callers callers;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    ReviewResource(CompleteReview completeReview, AttestReview attestReview, ListReviews listReviews,
            BuildEvidencePack buildEvidencePack, Callers callers, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.completeReview = completeReview;
        this.attestReview = attestReview;
        this.listReviews = listReviews;
        this.buildEvidencePack = buildEvidencePack;
        this.callers = callers;
    }

    /** The body as sent; the outcome stays text so a wrong or missing one is reported by name. */
    public record CompletionBody(String outcome, String findings) {
    }

    /** The beneficiary's own account: what they did with the access and why. */
    public record AttestationBody(String statement) {
    }

    /** Reviews the caller may see (reviewer groups, or auditors), soonest due first; {@code status} defaults to open. */
    @GET
    @WithSession
    public Uni<List<ReviewView>> list(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        Caller caller = callers.current();
        return listReviews.list(caller, filter(status), Paging.limit(limit));
    }

    /**
     * One review with what it rests on (approvals with MFA evidence, grant window, every action with who recorded it,
     * revocation receipt): the evidence pack's parts without the ledger proofs.
     */
    @GET
    @Path("/{reviewId}")
    public Uni<ReviewDetail> one(@PathParam("reviewId") String reviewId) {
        return buildEvidencePack.evidence(callers.current(), reviewId).map(result -> {
            if (result instanceof BuildEvidencePack.Result.Built built) {
                return ReviewDetail.of(built.pack());
            }
            throw unseen(reviewId, ((BuildEvidencePack.Result.NotFound) result).seen());
        });
    }

    private String json(Object pack) {
        try {
            return json.writeValueAsString(pack);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the evidence pack is not JSON-writable", e);
        }
    }

    /** 403 when the caller may not see the review, else 404. */
    private static ProblemException unseen(String reviewId, ListReviews.Seen seen) {
        if (seen instanceof ListReviews.Seen.NotVisible hidden) {
            return new ProblemException(Problem.invalid(403, "Forbidden", List.of(new Problem.Violation(
                    "reviewer", "reviewer-group",
                    "only members of " + hidden.reviewerGroups() + " or auditors may see this review"))));
        }
        return ProblemException.notFound("review " + reviewId);
    }

    /**
     * The evidence pack: JSON, or with {@code Accept: text/html} one self-contained HTML page (the same JSON embedded,
     * so {@code audit-verifier --evidence} checks either). Visible to whoever may see the review.
     */
    @GET
    @Path("/{reviewId}/evidence")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Uni<Response> evidence(@PathParam("reviewId") String reviewId, @HeaderParam("Accept") String accept) {
        boolean html = accept != null && accept.contains(MediaType.TEXT_HTML)
                && !accept.contains(MediaType.APPLICATION_JSON);
        return buildEvidencePack.execute(callers.current(), reviewId).map(result -> {
            if (result instanceof BuildEvidencePack.Result.Built built) {
                return html ? Response.ok(EvidenceHtml.render(built.pack(), json(built.pack())), MediaType.TEXT_HTML_TYPE
                                .withCharset("UTF-8")).build()
                        : Response.ok(built.pack(), MediaType.APPLICATION_JSON_TYPE).build();
            }
            throw unseen(reviewId, ((BuildEvidencePack.Result.NotFound) result).seen());
        });
    }

    /**
     * The beneficiary attests what they did with a break-glass access and why (required before its review is
     * completed): 200 + the review; 400 statement/required|max-length; 403 attester/beneficiary-only; 404;
     * 409 attestation/attest-once or status/complete-once.
     */
    @POST
    @Path("/{reviewId}/attestation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReviewView> attest(@PathParam("reviewId") String reviewId, AttestationBody body) {
        Caller caller = callers.current();
        if (body == null) {
            throw ProblemException.badRequest("body", "required", "send {\"statement\":\"what I did and why\"}");
        }
        Review.validateStatement(body.statement()).ifPresent(refused -> {
            throw problem(reviewId, (ReviewRule) refused.rule(), refused.detail());
        });
        ReviewId id = reviewId(reviewId);
        return Panache.withTransaction(() -> attestReview.execute(id, body.statement(), caller)).map(answer -> {
            if (answer instanceof AttestReview.Result.Attested attested) {
                return attested.view();
            }
            AttestReview.Result.Refused refused = (AttestReview.Result.Refused) answer;
            throw problem(reviewId, refused.rule(), refused.detail());
        });
    }

    @POST
    @Path("/{reviewId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReviewView> complete(@PathParam("reviewId") String reviewId, CompletionBody body) {
        Caller caller = callers.current();
        if (body == null) {
            throw ProblemException.badRequest("body", "required",
                    "send {\"outcome\":\"ACCESS_APPROPRIATE\"|\"FINDINGS_RAISED\"|\"ACCESS_MISUSED\",\"findings\":\"...\"}");
        }
        Outcome outcome = outcome(body.outcome());
        // bad input is refused before anything is loaded, whoever sends it
        Review.validate(outcome, body.findings()).ifPresent(refused -> {
            throw problem(reviewId, (ReviewRule) refused.rule(), refused.detail());
        });
        ReviewId id = reviewId(reviewId);
        // the transaction commits before a refusal is answered, so an AttemptRefused is kept as evidence
        return Panache.withTransaction(() -> completeReview.execute(id, outcome, body.findings(), caller))
                .map(answer -> {
                    if (answer instanceof CompleteReview.Result.Completed completed) {
                        return completed.view();
                    }
                    CompleteReview.Result.Refused refused = (CompleteReview.Result.Refused) answer;
                    throw problem(reviewId, refused.rule(), refused.detail());
                });
    }

    /** A refusal as the API has always answered it: 404, 403, 409 or 400, naming the rule's field and rule. */
    static ProblemException problem(String reviewId, ReviewRule rule, String detail) {
        return switch (rule) {
            case UNKNOWN_REVIEW -> ProblemException.notFound("review " + reviewId);
            case SEPARATION_OF_DUTIES, REVIEWER_GROUP -> refusedWith(403, "Forbidden", rule, detail);
            case ATTESTER_BENEFICIARY -> refusedWith(403, "Forbidden", rule, detail);
            case ALREADY_COMPLETED, ATTESTATION_REQUIRED, ATTEST_ONCE -> refusedWith(409, "Conflict", rule, detail);
            case FINDINGS_REQUIRED, FINDINGS_TOO_LONG, OUTCOME_REQUIRED, STATEMENT_REQUIRED, STATEMENT_TOO_LONG ->
                    refusedWith(400, "Invalid request", rule, detail);
        };
    }

    private static ProblemException refusedWith(int status, String title, ReviewRule rule, String detail) {
        return new ProblemException(Problem.invalid(status, title, List.of(
                new Problem.Violation(rule.field(), rule.rule(), detail))));
    }

    /** No review has an id that is not a valid one: such a path is simply unknown. */
    private static ReviewId reviewId(String text) {
        try {
            return new ReviewId(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("review " + text);
        }
    }

    private static Outcome outcome(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("outcome", "required",
                    "must be ACCESS_APPROPRIATE, FINDINGS_RAISED or ACCESS_MISUSED");
        }
        try {
            return Outcome.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("outcome", "one-of",
                    "'" + text + "' is not ACCESS_APPROPRIATE, FINDINGS_RAISED or ACCESS_MISUSED");
        }
    }

    private static ListReviews.Filter filter(String status) {
        if (status == null || status.isBlank()) {
            return ListReviews.Filter.OPEN;
        }
        try {
            return ListReviews.Filter.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "one-of", "'" + status + "' is not one of open, completed, all");
        }
    }
}
