package io.eer.request.application;

import io.eer.request.domain.RequestCommand;
import io.eer.request.domain.RequestId;
import io.eer.request.domain.RequestStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Moves a request along its lifecycle as the other services report what happened to it (approved, granted,
 * expired, ...): recorded as an internal fact when it changes the request, so the aggregate and its projection can
 * be rebuilt. Decided by {@link io.eer.request.domain.AccessRequest}. Call inside a transaction.
 */
@ApplicationScoped
public class TrackLifecycle {

    private final RequestAggregate aggregate;

    TrackLifecycle(RequestAggregate aggregate) {
        this.aggregate = aggregate;
    }

    public Uni<Void> execute(RequestId id, RequestStatus reported, String grantId) {
        return aggregate.execute(id, new RequestCommand.TrackLifecycle(reported, grantId)).replaceWithVoid();
    }
}
