package io.eer.grant.application;

import io.eer.grant.domain.Grant;
import io.eer.grant.domain.GrantCommand;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantState;
import io.eer.grant.domain.RequestId;
import io.eer.grant.infra.out.GrantEvents;
import io.eer.grant.projection.GrantViews;
import io.eer.support.decider.Decision;
import io.eer.support.eventsourcing.Aggregates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The grant aggregates: one per request ({@code grant/<requestId>}), rebuilt from {@code domain_event} for every
 * command; what a command decided is stored and {@code grant_view} updated in the caller's transaction.
 */
@ApplicationScoped
public class Grants {

    static final String PREFIX = "grant/";

    private final Aggregates aggregates;
    private final GrantEvents mapping;
    private final GrantViews views;

    Grants(Aggregates aggregates, GrantEvents mapping, GrantViews views) {
        this.aggregates = aggregates;
        this.mapping = mapping;
        this.views = views;
    }

    public static String aggregateId(RequestId requestId) {
        return PREFIX + requestId.value();
    }

    public Uni<GrantState> state(RequestId requestId) {
        return aggregates.load(aggregateId(requestId), mapping).map(history -> Grant.DECIDER.fold(history.events()));
    }

    /** Decides {@code command} on the request's grant, stores the events and updates the view. */
    public Uni<Decision<GrantEvent>> execute(RequestId requestId, GrantCommand command) {
        return aggregates.execute(aggregateId(requestId), Grant.DECIDER, mapping, command)
                .call(executed -> views.apply(executed.state(), executed.decision().events()))
                .map(Aggregates.Executed::decision);
    }
}
