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

    /**
     * Decides {@code command} on the aggregate {@code aggregateId} that is no request's grant (an orphan login that
     * names no request: {@code orphan-login/<id>}); stores the events, no view.
     */
    public Uni<Decision<GrantEvent>> executeDetached(String aggregateId, GrantCommand command) {
        if (aggregateId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a request's grant is executed with its request id");
        }
        return aggregates.execute(aggregateId, Grant.DECIDER, mapping, command).map(Aggregates.Executed::decision);
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
