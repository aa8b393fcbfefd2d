package io.eer.review.infra.out;

import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.review.domain.GrantId;
import io.eer.review.domain.RequestId;
import io.eer.review.domain.UpstreamFact;
import java.util.Optional;

/** Translates the upstream events a review is built from into the intake's {@link UpstreamFact}s. */
public final class UpstreamFacts {

    private UpstreamFacts() {
    }

    /** The fact {@code event} stands for; empty for events the intake does not use. */
    public static Optional<UpstreamFact> of(DomainEvent event) {
        if (event instanceof EmergencyRequested r) {
            var plan = r.review();
            return Optional.of(new UpstreamFact.Requested(new RequestId(r.requestId()),
                    r.requester() == null ? null : r.requester().id(), r.beneficiary(), r.system(), r.role(),
                    plan == null ? null : plan.reviewerGroups(), plan == null ? null : plan.dueWithin()));
        }
        if (event instanceof Approved a) {
            return Optional.of(new UpstreamFact.Approval(new RequestId(a.requestId()), a.approvers(), a.requester(),
                    a.beneficiary(), a.mode() == ApprovalMode.PRE_APPROVED));
        }
        if (event instanceof AccessRevoked revoked) {
            return Optional.of(new UpstreamFact.Ended(new RequestId(revoked.requestId()),
                    new GrantId(revoked.grantId()), revoked.system(), revoked.revokedAt()));
        }
        return Optional.empty();
    }
}
