package io.eer.approval.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.approval.domain.ApprovalCommand;
import io.eer.approval.domain.Decide;
import io.eer.approval.domain.Decision;
import io.eer.approval.domain.MfaRequirement;
import io.eer.approval.domain.Refusal;
import io.eer.approval.domain.RequestId;
import io.eer.approval.projection.ApprovalReadModel;
import io.eer.approval.projection.ApprovalRow;
import io.eer.approval.projection.ApprovalView;
import io.eer.support.idempotency.Claim;
import io.eer.support.idempotency.IdempotencyKey;
import io.eer.support.idempotency.IdempotencyStore;
import io.eer.support.idempotency.StoredAnswer;
import io.eer.support.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Records one approver's decision; reaching the quorum publishes {@code Approved}, a DENY publishes {@code Denied}.
 * A refused decision changes the approval in no way and comes back as {@link Outcome.Refused} (the REST edge makes
 * it a problem); refusals that are evidence (separation of duties, approver group, MFA) are stored as
 * {@code AttemptRefused} in the same transaction, which commits. With an {@code Idempotency-Key} the first successful
 * answer is stored and replayed for the same key and body (service-support's {@link IdempotencyStore}, operation
 * {@value #OPERATION}; keys are forgotten after {@code eer.idempotency.ttl}). One transaction; re-run whole when another writer took
 * the approval's next version first.
 */
@ApplicationScoped
public class DecideApproval {

    /** The command as the REST edge hands it over: who decides what, and the optional idempotency key. */
    public record Command(RequestId requestId, Decision decision, String comment, String approver,
            java.util.Set<String> groups, String actorType, io.eer.approval.domain.MfaEvidence mfa,
            String idempotencyKey) {
    }

    /** What the caller is answered, once the transaction has committed. */
    public sealed interface Outcome {
        record Decided(ApprovalView view) implements Outcome {
        }

        record Replayed(int status, String body) implements Outcome {
        }

        /** Refused under {@code refusal}; {@code required}: the plan's approver MFA (for a step-up answer). */
        record Refused(Refusal refusal, String detail, MfaRequirement required) implements Outcome {
        }

        /** The key was used by this caller for another decision (on {@code earlierRequestId}). */
        record KeyReused(String earlierRequestId) implements Outcome {
        }
    }

    /** The operation an Idempotency-Key on a decision is scoped to in the shared store. */
    public static final String OPERATION = "decide-approval";

    private final ApprovalExecution execution;
    private final IdempotencyStore idempotency;
    private final Clock clock;
    private final ObjectMapper json;

    DecideApproval(ApprovalExecution execution, IdempotencyStore idempotency, Clock clock, ObjectMapper json) {
        this.execution = execution;
        this.idempotency = idempotency;
        this.clock = clock;
        this.json = json;
    }

    /** In a transaction of its own, whose commit arms the approval's next deadline ({@link ApprovalExecution}). */
    public Uni<Outcome> execute(Command command) {
        return Transactions.withTransaction(() -> claimAndDecide(command));
    }

    private Uni<Outcome> claimAndDecide(Command command) {
        String key = command.idempotencyKey();
        if (key == null) {
            return decide(command, null);
        }
        IdempotencyKey scoped = new IdempotencyKey(command.approver(), OPERATION, key);
        String hash = hash(command.requestId().value(), command.decision(), command.comment());
        // a retry with the same key at the same moment waits on the claimed row until this transaction ends
        return idempotency.claim(scoped, hash).chain(claim -> {
            if (claim instanceof Claim.Replay replay) {
                return Uni.createFrom().item(new Outcome.Replayed(replay.answer().status(), replay.answer().body()));
            }
            if (claim instanceof Claim.Conflict conflict) {
                return Uni.createFrom().item(new Outcome.KeyReused(conflict.firstResourceId()));
            }
            return decide(command, scoped);
        });
    }

    /** {@code scoped}: the claimed key (null without one), completed on a decision and released on a refusal. */
    private Uni<Outcome> decide(Command command, IdempotencyKey scoped) {
        String requestId = command.requestId().value();
        // PostgreSQL keeps microseconds: the answer shows the instant a later read gives back
        Decide decide = new Decide(command.approver(), command.groups(), command.decision(), command.comment(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), command.mfa());
        return execution.execute(requestId, decide).chain(executed -> {
            if (executed.decision() instanceof io.eer.support.decider.Decision.Refused<?> refused) {
                Refusal refusal = (Refusal) refused.rule();
                MfaRequirement required = executed.state().opened()
                        ? executed.state().approvalCase().approverMfa() : null;
                Outcome outcome = new Outcome.Refused(refusal, refused.detail(), required);
                // only a successful answer is replayed: after a refusal (e.g. a step-up) the same request may be sent
                // again with the same key and be decided afresh
                Uni<Void> released = scoped == null ? Uni.createFrom().voidItem() : idempotency.release(scoped);
                if (!refusal.recorded()) {
                    return released.replaceWith(outcome);
                }
                return released.chain(() -> execution.execute(requestId, new ApprovalCommand.RecordRefusal(decide,
                        command.actorType(), refusal, refused.detail()))).replaceWith(outcome);
            }
            return ApprovalRow.<ApprovalRow>findById(requestId)
                    .chain(ApprovalReadModel::view)
                    .chain(view -> scoped == null ? Uni.createFrom().item(view) : remember(scoped, view))
                    .map(Outcome.Decided::new);
        });
    }

    private Uni<ApprovalView> remember(IdempotencyKey scoped, ApprovalView view) {
        String body;
        try {
            body = json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return idempotency.complete(scoped, new StoredAnswer(200, "application/json", body, null, view.requestId()))
                .replaceWith(view);
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
}
