package io.eer.approval.api;

import io.eer.approval.application.DecideApproval;
import io.eer.approval.application.ListApprovals;
import io.eer.approval.application.ShowApproval;
import io.eer.approval.domain.Decision;
import io.eer.approval.domain.MfaEvidence;
import io.eer.approval.domain.Refusal;
import io.eer.approval.domain.RequestId;
import io.eer.approval.projection.ApprovalView;
import io.eer.support.api.Paging;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.eer.support.security.Callers;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    public static final int MAX_COMMENT = 2000;
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on an answer replayed for a retried Idempotency-Key. */
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY = 255;

    private final DecideApproval decideApproval;
    private final ListApprovals listApprovals;
    private final ShowApproval showApproval;
    private final Callers callers;

    ApprovalResource(DecideApproval decideApproval, ListApprovals listApprovals, ShowApproval showApproval,
            Callers callers) {
        this.decideApproval = decideApproval;
        this.listApprovals = listApprovals;
        this.showApproval = showApproval;
        this.callers = callers;
    }

    /** The body as sent; the decision stays text so a wrong or missing one is reported by name. */
    public record DecisionBody(String decision, String comment) {
    }

    /** Approvals the caller is an approver of, newest first; {@code status} defaults to {@code pending}. */
    @GET
    @WithSession
    public Uni<List<ApprovalView>> list(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        Caller caller = callers.current();
        return listApprovals.execute(caller.id(), caller.groups(), filter(status), Paging.limit(limit));
    }

    /**
     * One approval, for members of a group reached so far (any status): where the "Decide" link of a notification
     * leads. Anyone else gets 404, as for an unknown request.
     */
    @GET
    @Path("/{requestId}")
    @WithSession
    @APIResponse(responseCode = "404", description = "no approval for that request that the caller may see")
    public Uni<ApprovalView> show(@PathParam("requestId") String requestId) {
        Caller caller = callers.current();
        RequestId id = requestId(requestId);
        return showApproval.execute(id, caller.groups()).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("an approval for request " + id.value())));
    }

    @POST
    @Path("/{requestId}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "404", description = "no approval for that request")
    @APIResponse(responseCode = "409", description = "decided already, or no longer pending")
    public Uni<Response> decide(@PathParam("requestId") String requestId,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, DecisionBody body) {
        Caller caller = callers.current();
        if (body == null) {
            throw ProblemException.badRequest("body", "required",
                    "send {\"decision\":\"APPROVE\"|\"DENY\",\"comment\":\"...\"}");
        }
        Decision decision = decision(body.decision());
        if (body.comment() != null && body.comment().length() > MAX_COMMENT) {
            throw ProblemException.badRequest("comment", "max-length", "must be at most " + MAX_COMMENT + " characters");
        }
        String key = idempotencyKey(idempotencyKey);
        RequestId id = requestId(requestId);
        DecideApproval.Command command = new DecideApproval.Command(id, decision, blankToNull(body.comment()),
                caller.id(), caller.groups(), caller.type() == null ? null : caller.type().name(),
                new MfaEvidence(caller.amr(), caller.authTime()), key);
        // the transaction commits before a refusal is answered, so an AttemptRefused is kept as evidence
        return decideApproval.execute(command).map(outcome -> respond(id, outcome));
    }

    private static Response respond(RequestId id, DecideApproval.Outcome outcome) {
        if (outcome instanceof DecideApproval.Outcome.Decided decided) {
            return Response.ok(decided.view(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (outcome instanceof DecideApproval.Outcome.Replayed replayed) {
            return Response.status(replayed.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .header(REPLAYED, "true").entity(replayed.body()).build();
        }
        if (outcome instanceof DecideApproval.Outcome.KeyReused reused) {
            throw new ProblemException(Problem.invalid(422, "Unprocessable Content", List.of(new Problem.Violation(
                    IDEMPOTENCY_KEY, "idempotency-key-reuse", "this key was used for a different decision (request "
                            + reused.earlierRequestId() + "); use a new key for a new decision"))));
        }
        throw problem(id, (DecideApproval.Outcome.Refused) outcome);
    }

    /** A refusal as its problem: 404 unknown, 403 who may not decide, 401 step-up (RFC 9470), 409 otherwise. */
    static RuntimeException problem(RequestId id, DecideApproval.Outcome.Refused refused) {
        Refusal refusal = refused.refusal();
        Problem.Violation violation = new Problem.Violation(refusal.field(), refusal.rule(), refused.detail());
        if (refusal.stepUp()) {
            return new StepUpRequired(violation, refused.required());
        }
        return switch (refusal) {
            case UNKNOWN_REQUEST -> ProblemException.notFound("an approval for request " + id.value());
            case SEPARATION_OF_DUTIES, APPROVER_GROUP -> refusedWith(403, "Forbidden", violation);
            default -> refusedWith(409, "Conflict", violation);
        };
    }

    private static ProblemException refusedWith(int status, String title, Problem.Violation violation) {
        return new ProblemException(Problem.invalid(status, title, List.of(violation)));
    }

    private static RequestId requestId(String value) {
        try {
            return new RequestId(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("requestId", "format", e.getMessage());
        }
    }

    /** Absent: no idempotency. Present: 1 to 255 visible ASCII characters (a UUID is the usual choice). */
    private static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_KEY || !header.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest(IDEMPOTENCY_KEY, "format",
                    "must be 1 to " + MAX_KEY + " visible ASCII characters, e.g. a UUID");
        }
        return header;
    }

    private static Decision decision(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("decision", "required", "must be APPROVE or DENY");
        }
        try {
            return Decision.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("decision", "one-of", "'" + text + "' is not APPROVE or DENY");
        }
    }

    private static ListApprovals.Filter filter(String status) {
        if (status == null || status.isBlank()) {
            return ListApprovals.Filter.PENDING;
        }
        try {
            return ListApprovals.Filter.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "one-of",
                    "'" + status + "' is not one of pending, approved, denied, cancelled, expired, all");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
