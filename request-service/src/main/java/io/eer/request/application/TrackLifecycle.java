package io.eer.request.application;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.GrantFailed;
import io.eer.request.domain.RequestStatus;
import io.eer.request.projection.RequestView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Moves a request's status along as the other services report what happened to it. */
@ApplicationScoped
public class TrackLifecycle {

    private final Clock clock;

    TrackLifecycle(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> apply(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof Approved) {
            return move(data.requestId(), RequestStatus.APPROVED, null);
        } else if (data instanceof Denied) {
            return move(data.requestId(), RequestStatus.DENIED, null);
        } else if (data instanceof ApprovalTimedOut) {
            return move(data.requestId(), RequestStatus.TIMED_OUT, null);
        } else if (data instanceof AccessGranted granted) {
            return move(data.requestId(), RequestStatus.GRANTED, granted.grantId());
        } else if (data instanceof GrantFailed) {
            return move(data.requestId(), RequestStatus.GRANT_FAILED, null);
        } else if (data instanceof AccessExpired) {
            return move(data.requestId(), RequestStatus.EXPIRED, null);
        } else if (data instanceof AccessRevoked) {
            return move(data.requestId(), RequestStatus.REVOKED, null);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> move(String requestId, RequestStatus status, String grantId) {
        return RequestView.<RequestView>findById(requestId).invoke(view -> {
            // statuses are declared in lifecycle order; topics are not ordered with each other, so a late event
            // (AccessExpired after AccessRevoked) must not move a request backwards
            if (view == null) {
                return;
            }
            if (grantId != null && view.grantId == null) {
                view.grantId = grantId; // also on a cancelled request: the grant it had (and that is being revoked)
                view.updatedAt = clock.instant();
            }
            // a cancelled request stays cancelled whatever the other services report afterwards
            if (view.status == RequestStatus.CANCELLED || status.ordinal() <= view.status.ordinal()) {
                return;
            }
            view.status = status;
            view.updatedAt = clock.instant();
        }).replaceWithVoid();
    }
}
