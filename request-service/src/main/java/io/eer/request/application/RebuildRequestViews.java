package io.eer.request.application;

import io.eer.request.infra.out.RequestEventMapping;
import io.eer.request.projection.RequestProjection;
import io.eer.request.projection.RequestView;
import io.eer.support.eventsourcing.Aggregates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the {@code request_status} projection from {@code domain_event}: empties it and feeds every stored
 * event, oldest first, through {@link RequestProjection}. Timestamps come from when each event was recorded. Call
 * inside a transaction (readers see the old table until it commits). Answers the number of events read.
 */
@ApplicationScoped
public class RebuildRequestViews {

    static final int PAGE = 500;

    private final Aggregates aggregates;
    private final RequestEventMapping mapping;
    private final RequestProjection projection;

    RebuildRequestViews(Aggregates aggregates, RequestEventMapping mapping, RequestProjection projection) {
        this.aggregates = aggregates;
        this.mapping = mapping;
        this.projection = projection;
    }

    public Uni<Long> execute() {
        return RequestView.deleteAll().chain(() -> aggregates.replayAll(PAGE,
                row -> projection.apply(row.aggregateId, Aggregates.read(row, mapping), row.recordedAt)));
    }
}
