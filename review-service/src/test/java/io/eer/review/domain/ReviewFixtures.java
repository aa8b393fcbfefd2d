package io.eer.review.domain;

import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.Origin;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.review.infra.out.UpstreamFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Facts of one request: dave asks on behalf of erin, frank and grace approve, the grant ends at {@link #REVOKED_AT}.
 * Built as the upstream services publish them and translated by the service's own edge ({@link UpstreamFacts}).
 */
final class ReviewFixtures {

    static final RequestId REQUEST = new RequestId("req-1");
    static final GrantId GRANT = new GrantId("grant-1");
    static final PolicyRef POLICY = new PolicyRef("eer-local", "7");
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant REVOKED_AT = T0.plus(Duration.ofMinutes(30));
    static final ReviewPlan DEFAULTS = new ReviewPlan(List.of("secops"), Duration.ofDays(7));

    static UpstreamFact fact(DomainEvent event) {
        return UpstreamFacts.of(event).orElseThrow();
    }

    private ReviewFixtures() {
    }

    static UpstreamFact requested(io.eer.contracts.events.Values.ReviewPlan review) {
        return fact(new EmergencyRequested(REQUEST.value(), RequestKind.JIT, Origin.ON_BEHALF,
                new Principal("dave", PrincipalType.EMPLOYEE, List.of("oncall-dba", "secops")), "erin",
                "payments-db", "db_admin", "month-end fix", "INC-7", Duration.ofMinutes(30),
                new MfaEvidence(List.of("pwd", "mfa"), T0), POLICY,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 2), review));
    }

    static UpstreamFact requested() {
        return requested(new io.eer.contracts.events.Values.ReviewPlan(List.of("secops", "sec-leads"),
                Duration.ofDays(2)));
    }

    static UpstreamFact approved(String... approvers) {
        return fact(new Approved(REQUEST.value(), List.of(approvers), ApprovalMode.STANDARD, Duration.ofMinutes(30),
                "dave", "erin", "payments-db", "db_admin", POLICY));
    }

    static UpstreamFact revoked(String grantId, Instant at) {
        return fact(new AccessRevoked(grantId, REQUEST.value(), "payments-db", RevocationReason.EXPIRED, at, 1, true));
    }

    static UpstreamFact revoked() {
        return revoked(GRANT.value(), REVOKED_AT);
    }

    static ReviewScheduled scheduled(String reviewId) {
        return new ReviewScheduled(new ReviewId(reviewId), GRANT, REQUEST, List.of("secops", "sec-leads"),
                List.of("dave", "erin", "frank", "grace"), REVOKED_AT.plus(Duration.ofDays(2)));
    }
}
