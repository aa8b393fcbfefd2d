package io.eer.approval.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.approval.domain.Approval;
import io.eer.approval.domain.ApprovalPolicy;
import io.eer.approval.domain.Decide;
import io.eer.approval.domain.Decision;
import io.eer.approval.domain.Refusal;
import io.eer.approval.domain.Verdict;
import io.eer.approval.infra.ApprovalStore;
import io.eer.approval.projection.ApprovalReadModel;
import io.eer.approval.projection.ApprovalView;
import io.eer.approval.projection.IdempotencyRow;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Records one approver's decision; reaching the quorum publishes {@code Approved}, a DENY publishes {@code Denied}.
 * A refused decision changes the approval in no way and is answered with a problem: 404 unknown request, 403
 * separation of duties or not an approver, 401 step-up (approver MFA), 409 decided already or no longer pending.
 * Refusals by separation of duties, approver group and MFA are recorded as {@code AttemptRefused}: the outcome is
 * returned (not failed) so that the caller's transaction commits that evidence. With an {@code Idempotency-Key} the
 * first successful answer is stored and replayed for the same key and body. Call inside a transaction.
 */
@ApplicationScoped
public class DecideApproval {

    /** What the caller is answered, once the transaction has committed. */
    public sealed interface Outcome {
        record Decided(ApprovalView view) implements Outcome {
        }

        record Replayed(int status, String body) implements Outcome {
        }

        record Refused(RuntimeException problem) implements Outcome {
        }
    }

    private final ApprovalStore store;
    private final Clock clock;
    private final ObjectMapper json;

    DecideApproval(ApprovalStore store, Clock clock, ObjectMapper json) {
        this.store = store;
        this.clock = clock;
        this.json = json;
    }

    public Uni<Outcome> execute(String requestId, Decision decision, String comment, Caller caller, MfaEvidence mfa,
            String idempotencyKey) {
        if (idempotencyKey == null) {
            return decide(requestId, decision, comment, caller, mfa, null, null);
        }
        String hash = hash(requestId, decision, comment);
        return lockKey(caller.id(), idempotencyKey)
                .chain(() -> IdempotencyRow.<IdempotencyRow>findById(new IdempotencyRow.Key(caller.id(), idempotencyKey)))
                .chain(earlier -> {
                    if (earlier == null) {
                        return decide(requestId, decision, comment, caller, mfa, idempotencyKey, hash);
                    }
                    if (!earlier.requestHash.equals(hash)) {
                        return Uni.createFrom().failure(new ProblemException(Problem.invalid(422,
                                "Unprocessable Content", List.of(new Problem.Violation("Idempotency-Key",
                                        "idempotency-key-reuse", "this key was used for a different decision ("
                                                + "request " + earlier.requestId + "); use a new key for a new decision")))));
                    }
                    return Uni.createFrom().item(new Outcome.Replayed(earlier.status, earlier.response));
                });
    }

    private Uni<Outcome> decide(String requestId, Decision decision, String comment, Caller caller, MfaEvidence mfa,
            String key, String hash) {
        // PostgreSQL keeps microseconds: the answer shows the instant a later read gives back
        Decide command = new Decide(caller.id(), caller.groups(), decision, comment,
                clock.instant().truncatedTo(ChronoUnit.MICROS), mfa);
        return store.loadForUpdate(requestId).chain(loaded -> {
            Verdict verdict = ApprovalPolicy.decide(loaded.history(), command);
            if (verdict instanceof Verdict.Refused refused) {
                RuntimeException problem = problem(requestId, refused, loaded);
                if (!refused.refusal().recorded()) {
                    return Uni.createFrom().item(new Outcome.Refused(problem));
                }
                AttemptRefused attempt = new AttemptRefused(requestId, caller.principal(), decision.name(),
                        refused.refusal().rule(), refused.message(), loaded.approval().approvalCase().policy());
                return store.recordRefusal(loaded.row(), attempt).replaceWith(new Outcome.Refused(problem));
            }
            return store.apply(loaded, ((Verdict.Accepted) verdict).events())
                    .chain(ApprovalReadModel::view)
                    .chain(view -> key == null ? Uni.createFrom().item(view) : remember(caller, key, hash, view))
                    .map(Outcome.Decided::new);
        });
    }

    private Uni<ApprovalView> remember(Caller caller, String key, String hash, ApprovalView view) {
        IdempotencyRow row = new IdempotencyRow();
        row.caller = caller.id();
        row.idemKey = key;
        row.requestHash = hash;
        row.requestId = view.requestId();
        row.status = 200;
        try {
            row.response = json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        row.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return row.persist().replaceWith(view);
    }

    /** Two retries with the same key at the same moment: the second waits for the first's answer. */
    private static Uni<Void> lockKey(String caller, String key) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(?1, 17))")
                        .setParameter(1, caller.length() + ":" + caller + ":" + key)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** "The same body": same request, same decision, same comment (JSON spacing and member order do not matter). */
    static String hash(String requestId, Decision decision, String comment) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // length-prefixed, so no two different triples give the same text
            String canonical = requestId.length() + ":" + requestId + ":" + decision.name() + ":"
                    + (comment == null ? "-" : comment.length() + ":" + comment);
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static RuntimeException problem(String requestId, Verdict.Refused refused, ApprovalStore.Loaded loaded) {
        Refusal refusal = refused.refusal();
        Problem.Violation violation = new Problem.Violation(refusal.field(), refusal.rule(), refused.message());
        if (refusal.stepUp()) {
            Approval approval = loaded.approval();
            return new StepUpRequired(violation, approval.approvalCase().approverMfa());
        }
        return switch (refusal) {
            case UNKNOWN_REQUEST -> ProblemException.notFound("an approval for request " + requestId);
            case SEPARATION_OF_DUTIES, APPROVER_GROUP -> refusedWith(403, "Forbidden", violation);
            default -> refusedWith(409, "Conflict", violation);
        };
    }

    private static ProblemException refusedWith(int status, String title, Problem.Violation violation) {
        return new ProblemException(Problem.invalid(status, title, List.of(violation)));
    }
}
