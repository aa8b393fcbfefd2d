package io.eer.review.domain;

import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ReviewPlan;
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
 */
public record AccessUnderReview(
        String requestId,
        String grantId,
        String requester,
        String beneficiary,
        String system,
        String role,
        List<String> approvers,
        List<String> reviewerGroups,
        List<String> excludedReviewers,
        Instant revokedAt,
        Instant dueAt,
        boolean mandatory) {

    /** Why a review is mandatory: the access was approved by policy alone (PRE_APPROVED, break-glass). */
    public static final String BREAK_GLASS = "break-glass";

    public AccessUnderReview(String requestId, String grantId, String requester, String beneficiary, String system,
            String role, List<String> approvers, List<String> reviewerGroups, List<String> excludedReviewers,
            Instant revokedAt, Instant dueAt) {
        this(requestId, grantId, requester, beneficiary, system, role, approvers, reviewerGroups, excludedReviewers,
                revokedAt, dueAt, false);
    }

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
    public static AccessUnderReview of(EmergencyRequested requested, List<Approved> approvals, AccessRevoked revoked,
            ReviewPlan defaults) {
        if (requested.requester() == null || requested.requester().id() == null) {
            throw new IllegalArgumentException("EmergencyRequested " + requested.requestId() + " names no requester");
        }
        if (revoked.revokedAt() == null) {
            throw new IllegalArgumentException("AccessRevoked for grant " + revoked.grantId() + " has no revokedAt");
        }
        String requester = requested.requester().id();
        String beneficiary = requested.beneficiary() == null ? requester : requested.beneficiary();
        List<String> approvers = approvals.stream()
                .flatMap(approved -> approved.approvers().stream())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        // Approved repeats requester and beneficiary; should they ever differ, neither may review
        List<String> alsoInvolved = new ArrayList<>();
        approvals.forEach(approved -> {
            alsoInvolved.add(approved.requester());
            alsoInvolved.add(approved.beneficiary());
        });
        List<String> excluded = Stream.of(Stream.of(requester, beneficiary), approvers.stream(), alsoInvolved.stream())
                .flatMap(s -> s)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
        ReviewPlan plan = requested.review();
        List<String> groups = plan == null || plan.reviewerGroups().isEmpty()
                ? defaults.reviewerGroups()
                : plan.reviewerGroups().stream().filter(Objects::nonNull).distinct().toList();
        Duration dueWithin = plan == null || plan.dueWithin() == null ? defaults.dueWithin() : plan.dueWithin();
        String system = requested.system() != null ? requested.system() : revoked.system();
        return new AccessUnderReview(requested.requestId(), revoked.grantId(), requester, beneficiary, system,
                requested.role(), approvers, groups, excluded, revoked.revokedAt(), revoked.revokedAt().plus(dueWithin),
                approvals.stream().anyMatch(approved -> approved.mode() == ApprovalMode.PRE_APPROVED));
    }

    public boolean involves(String person) {
        return excludedReviewers.contains(person);
    }
}
