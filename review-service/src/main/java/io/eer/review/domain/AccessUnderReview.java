package io.eer.review.domain;

import io.eer.review.domain.UpstreamFact.Approval;
import io.eer.review.domain.UpstreamFact.Ended;
import io.eer.review.domain.UpstreamFact.Requested;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One grant's access, from request to revocation, once everything a review needs is known: who asked, for whom,
 * who approved, who reviews, when it ended and how long the reviewers have.
 *
 * @param excludedReviewers requester, beneficiary and approvers, distinct and sorted: they never review this access
 * @param mandatory the access was break-glass (approved by policy, nobody approved it): its review is mandatory
 * @param attestationRequired an EMERGENCY request: its beneficiary must attest before the review is completed
 */
public record AccessUnderReview(
        RequestId requestId,
        GrantId grantId,
        String requester,
        String beneficiary,
        String system,
        String role,
        List<String> approvers,
        List<String> reviewerGroups,
        List<String> excludedReviewers,
        Instant revokedAt,
        Instant dueAt,
        boolean mandatory,
        boolean attestationRequired) {

    /** Why a review is mandatory: the access was approved by policy alone (PRE_APPROVED, break-glass). */
    public static final String BREAK_GLASS = "break-glass";

    public AccessUnderReview {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(beneficiary, "beneficiary");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        approvers = List.copyOf(approvers);
        reviewerGroups = List.copyOf(reviewerGroups);
        excludedReviewers = List.copyOf(excludedReviewers);
        if (reviewerGroups.isEmpty()) {
            throw new IllegalArgumentException("a review needs at least one reviewer group");
        }
    }

    /**
     * Combines the request, its approval(s) and the revocation. The request's review plan names the reviewer
     * groups and the deadline; where it names none, {@code defaults} apply.
     */
    public static AccessUnderReview of(Requested requested, List<Approval> approvals, Ended ended,
            ReviewPlan defaults) {
        if (requested.requester() == null) {
            throw new IllegalArgumentException("EmergencyRequested " + requested.requestId() + " names no requester");
        }
        if (ended.revokedAt() == null) {
            throw new IllegalArgumentException("AccessRevoked for grant " + ended.grantId() + " has no revokedAt");
        }
        String requester = requested.requester();
        String beneficiary = requested.beneficiary() == null ? requester : requested.beneficiary();
        List<String> approvers = approvals.stream()
                .flatMap(approval -> approval.approvers().stream())
                .distinct()
                .toList();
        // Approved repeats requester and beneficiary; should they ever differ, neither may review
        List<String> alsoInvolved = new ArrayList<>();
        approvals.forEach(approval -> {
            alsoInvolved.add(approval.requester());
            alsoInvolved.add(approval.beneficiary());
        });
        List<String> excluded = Stream.of(Stream.of(requester, beneficiary), approvers.stream(), alsoInvolved.stream())
                .flatMap(s -> s)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
        List<String> groups = requested.reviewerGroups().isEmpty()
                ? defaults.reviewerGroups()
                : requested.reviewerGroups().stream().filter(Objects::nonNull).distinct().toList();
        Duration dueWithin = requested.dueWithin() == null ? defaults.dueWithin() : requested.dueWithin();
        String system = requested.system() != null ? requested.system() : ended.system();
        return new AccessUnderReview(requested.requestId(), ended.grantId(), requester, beneficiary, system,
                requested.role(), approvers, groups, excluded, ended.revokedAt(), ended.revokedAt().plus(dueWithin),
                approvals.stream().anyMatch(Approval::breakGlass), requested.emergency());
    }

    public boolean involves(String person) {
        return excludedReviewers.contains(person);
    }
}
