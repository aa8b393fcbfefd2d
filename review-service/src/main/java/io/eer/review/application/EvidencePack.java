package io.eer.review.application;

import io.eer.review.domain.Finding;
import io.eer.review.projection.LedgerProofs;
import io.eer.review.projection.ReviewView;
import java.time.Instant;
import java.util.List;

/**
 * Everything a review rests on, in one document ({@code GET /v1/reviews/{id}/evidence}): the review, the request,
 * the approvals with their MFA evidence, the grant window, every recorded action kept apart by who recorded it, the
 * revocation receipt, the beneficiary's attestation, the automatic findings, and the ledger entries of the request
 * with an inclusion proof each under a signed checkpoint, which {@code audit-verifier --evidence} checks offline.
 * Each piece names the {@code eventId} of the event it comes from.
 */
public record EvidencePack(
        String format,
        Instant generatedAt,
        ReviewView review,
        RequestPart request,
        List<ApprovalPart> approvals,
        GrantPart grant,
        Actions actions,
        RevocationPart revocation,
        AttestationPart attestation,
        List<Finding> findings,
        LedgerProofs.Ledger ledger) {

    public static final String FORMAT = "eer-review-evidence/1";

    /** {@code scope}: the objects the access was for, as the request carried it (empty: none named). */
    public record RequestPart(String eventId, String requestId, boolean emergency, String requester,
            String beneficiary, String system, String role, String justification, String incident,
            List<String> scope) {
    }

    public record ApprovalPart(String eventId, String mode, List<String> approvers, List<DecisionPart> decisions) {
    }

    /** One approver's decision; {@code mfaMethods} empty when the approval asked for no MFA. */
    public record DecisionPart(String approver, Instant at, List<String> mfaMethods, Instant mfaAuthTime) {
    }

    public record GrantPart(String eventId, String grantId, String system, String role, String account,
            Instant grantedAt, Instant expiresAt, String length) {
    }

    /** Kept apart: the gateway saw them, a session agent reported them, the beneficiary reported them. */
    public record Actions(List<ActionPart> gateway, List<ActionPart> agent, List<ActionPart> selfReported) {
    }

    /** {@code kind} and {@code statement}: the gateway's label and text of the statement (null on reported ones). */
    public record ActionPart(String eventId, String sessionId, String action, String object, Instant at,
            String reportedBy, String kind, String statement) {
    }

    /** The revocation receipt: why, when, sessions ended, whether the connector confirmed nothing was left. */
    public record RevocationPart(String eventId, String reason, Instant revokedAt, int sessionsTerminated,
            boolean confirmed) {
    }

    public record AttestationPart(String by, String statement, Instant at) {
    }

}
