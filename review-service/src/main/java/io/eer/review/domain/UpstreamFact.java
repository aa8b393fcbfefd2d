package io.eer.review.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the review intake learns from other services, in its own words (the edge, {@code infra.out}, translates the
 * received events): the request, each approval, the end of each grant's access.
 */
public sealed interface UpstreamFact {

    RequestId requestId();

    /** {@code EmergencyRequested}: who asked, for whom, and the review plan (null parts fall back to defaults). */
    record Requested(RequestId requestId, String requester, String beneficiary, String system, String role,
            List<String> reviewerGroups, Duration dueWithin) implements UpstreamFact {
        public Requested {
            reviewerGroups = reviewerGroups == null ? List.of() : List.copyOf(reviewerGroups);
        }
    }

    /** {@code Approved}: the approvers (and the people it names), and whether the policy alone approved it. */
    record Approval(RequestId requestId, List<String> approvers, String requester, String beneficiary,
            boolean breakGlass) implements UpstreamFact {
        public Approval {
            approvers = approvers == null ? List.of() : approvers.stream().filter(a -> a != null).toList();
        }
    }

    /** {@code AccessRevoked}, any reason: the grant's access ended at {@code revokedAt}. */
    record Ended(RequestId requestId, GrantId grantId, String system, Instant revokedAt) implements UpstreamFact {
    }
}
