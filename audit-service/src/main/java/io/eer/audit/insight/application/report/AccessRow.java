package io.eer.audit.insight.application.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One emergency or JIT access (one {@code AccessGranted}), with what the ledger says about it before the report's
 * basis. Any field may be {@code null} when the ledger holds no event that carries it.
 *
 * @param durationWithinPolicy {@code false} when the granted window is longer than the approved or the requested
 *        duration (the policy's maximum is enforced at intake and is not in the events), {@code null} when unknown
 * @param revocationConfirmed {@code null} while no {@code AccessRevoked} is recorded
 * @param reviewOutcome the {@code ReviewCompleted} outcome, or {@code PENDING} (scheduled, not completed), or
 *        {@code NOT_SCHEDULED}
 * @param evidence the ledger indices of every event the row was built from, in ledger order
 */
public record AccessRow(
        String requestId,
        String kind,
        Instant requestedAt,
        String requester,
        String requesterType,
        String origin,
        String beneficiary,
        List<String> approvers,
        String approvalMode,
        Instant approvedAt,
        String justification,
        String incident,
        String system,
        String role,
        String policy,
        String grantId,
        Instant grantedAt,
        Instant expiresAt,
        Instant revokedAt,
        String revocationReason,
        Boolean revocationConfirmed,
        Duration requestedDuration,
        Duration approvedDuration,
        Duration grantedDuration,
        Duration actualDuration,
        Boolean durationWithinPolicy,
        long sessionActions,
        String reviewOutcome,
        String reviewer,
        Instant reviewDueAt,
        List<String> exceptions,
        List<Long> evidence) {

    public AccessRow {
        approvers = approvers == null ? null : List.copyOf(approvers);
        exceptions = List.copyOf(exceptions);
        evidence = List.copyOf(evidence);
    }
}
