package io.eer.approval.application;

import io.eer.approval.domain.ApprovalPolicy;
import io.eer.approval.domain.Decide;
import io.eer.approval.domain.Decision;
import io.eer.approval.domain.Refusal;
import io.eer.approval.domain.Verdict;
import io.eer.approval.infra.ApprovalStore;
import io.eer.approval.projection.ApprovalReadModel;
import io.eer.approval.projection.ApprovalView;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Records one approver's decision; reaching the quorum publishes {@code Approved}, a DENY publishes {@code Denied}.
 * A refused decision changes nothing and fails with a problem: 404 unknown request, 403 separation of duties or not
 * an approver, 409 decided already or no longer pending. Call inside a transaction.
 */
@ApplicationScoped
public class DecideApproval {

    private final ApprovalStore store;
    private final Clock clock;

    DecideApproval(ApprovalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Uni<ApprovalView> execute(String requestId, Decision decision, String comment, Caller caller) {
        // PostgreSQL keeps microseconds: the answer shows the instant a later read gives back
        Decide command = new Decide(caller.id(), caller.groups(), decision, comment,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return store.loadForUpdate(requestId).chain(loaded -> {
            Verdict verdict = ApprovalPolicy.decide(loaded.history(), command);
            if (verdict instanceof Verdict.Refused refused) {
                return Uni.createFrom().failure(problem(requestId, refused));
            }
            return store.apply(loaded.row(), ((Verdict.Accepted) verdict).events()).chain(ApprovalReadModel::view);
        });
    }

    static ProblemException problem(String requestId, Verdict.Refused refused) {
        Refusal refusal = refused.refusal();
        return switch (refusal) {
            case UNKNOWN_REQUEST -> ProblemException.notFound("an approval for request " + requestId);
            case SEPARATION_OF_DUTIES, APPROVER_GROUP -> refusedWith(403, "Forbidden", "approver", refused);
            case ALREADY_DECIDED -> refusedWith(409, "Conflict", "approver", refused);
            case NOT_PENDING -> refusedWith(409, "Conflict", "status", refused);
        };
    }

    private static ProblemException refusedWith(int status, String title, String field, Verdict.Refused refused) {
        return new ProblemException(Problem.invalid(status, title,
                List.of(new Problem.Violation(field, refused.refusal().rule(), refused.message()))));
    }
}
