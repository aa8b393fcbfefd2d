package io.eer.grant.application;

import io.eer.grant.domain.Grant;
import io.eer.grant.domain.GrantState;
import io.eer.grant.infra.out.GrantEvents;
import io.eer.grant.projection.GrantViews;
import io.eer.support.eventsourcing.Aggregates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Recomputes {@code grant_view} from {@code domain_event}: every grant aggregate ({@code grant/<requestId>}) is folded
 * with the {@link Grant} decider and every {@code <grantId>/actions} stream counted. Runs in one transaction; the
 * folded states are held in memory (one small record per request). {@code grant_credential} is not touched: secrets
 * are never in events, so a rebuild keeps the sealed secrets that are there and cannot bring back lost ones.
 */
@ApplicationScoped
public class RebuildGrantViews {

    private static final Logger LOG = Logger.getLogger(RebuildGrantViews.class);
    private static final int PAGE = 500;

    private final Aggregates aggregates;
    private final GrantEvents mapping;
    private final GrantViews views;

    RebuildGrantViews(Aggregates aggregates, GrantEvents mapping, GrantViews views) {
        this.aggregates = aggregates;
        this.mapping = mapping;
        this.views = views;
    }

    /** Answers the number of grants written to the view. */
    public Uni<Integer> execute() {
        Map<String, GrantState> states = new LinkedHashMap<>();
        Map<String, Long> actions = new HashMap<>();
        return Panache.withTransaction(() -> aggregates.replayAll(PAGE, row -> {
                    if (row.aggregateId.startsWith(Grants.PREFIX)) {
                        GrantState before = states.getOrDefault(row.aggregateId, Grant.DECIDER.initialState());
                        states.put(row.aggregateId, Grant.DECIDER.evolve(before, Aggregates.read(row, mapping)));
                    } else if (row.aggregateId.endsWith("/actions")) {
                        actions.merge(row.aggregateId.substring(0, row.aggregateId.length() - "/actions".length()),
                                1L, Long::sum);
                    }
                    return Uni.createFrom().voidItem();
                })
                .chain(rows -> views.rebuild(states.values(), actions)
                        .invoke(written -> LOG.infof("grant_view rebuilt from %d stored events: %d grants", rows,
                                written))));
    }
}
