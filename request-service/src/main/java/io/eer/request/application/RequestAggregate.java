package io.eer.request.application;

import io.eer.request.domain.AccessRequest;
import io.eer.request.domain.RequestCommand;
import io.eer.request.domain.RequestEvent;
import io.eer.request.domain.RequestId;
import io.eer.request.domain.RequestState;
import io.eer.request.infra.out.RequestEventMapping;
import io.eer.request.projection.RequestProjection;
import io.eer.support.eventsourcing.Aggregates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs one command against an access request, in the caller's transaction: rebuild it from {@code domain_event},
 * decide ({@link AccessRequest}), store the new events (public ones to the outbox) and update the
 * {@code request_status} projection with them. Shared by the operations in this package.
 */
@ApplicationScoped
class RequestAggregate {

    private final Aggregates aggregates;
    private final RequestEventMapping mapping;
    private final RequestProjection projection;
    private final Clock clock;

    RequestAggregate(Aggregates aggregates, RequestEventMapping mapping, RequestProjection projection, Clock clock) {
        this.aggregates = aggregates;
        this.mapping = mapping;
        this.projection = projection;
        this.clock = clock;
    }

    Uni<Aggregates.Executed<RequestState, RequestEvent>> execute(RequestId id, RequestCommand command) {
        return aggregates.execute(id.value(), AccessRequest.DECIDER, mapping, command).call(executed -> {
            Instant at = clock.instant();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (RequestEvent event : executed.decision().events()) {
                chain = chain.chain(() -> projection.apply(id.value(), event, at));
            }
            return chain;
        });
    }
}
