package io.eer.expiry.application;

import io.eer.expiry.domain.GrantId;
import io.eer.expiry.domain.Timer;
import io.eer.expiry.domain.TimerCommand;
import io.eer.expiry.domain.TimerEvent;
import io.eer.expiry.domain.TimerState;
import io.eer.expiry.infra.out.TimerEventMapping;
import io.eer.expiry.projection.TimerView;
import io.eer.support.eventsourcing.Aggregates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a command on a grant's {@link Timer} (rebuilt from {@code domain_event}) and applies what it decided to the
 * {@link TimerView} projection, all in the caller's transaction. Two writers deciding on the same version (two
 * pollers, or a poller and a revocation) collide on {@code domain_event (aggregate_id, version)}: the loser's
 * transaction is rolled back and run again on the new state, which then decides nothing.
 */
@ApplicationScoped
public class TimerCommands {

    private final Aggregates aggregates;

    TimerCommands(Aggregates aggregates) {
        this.aggregates = aggregates;
    }

    public Uni<Aggregates.Executed<TimerState, TimerEvent>> execute(GrantId grantId, TimerCommand command) {
        return aggregates.execute(grantId.value(), Timer.DECIDER, TimerEventMapping.INSTANCE, command)
                .call(executed -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (TimerEvent event : executed.decision().events()) {
                        chain = chain.chain(() -> TimerView.apply(event));
                    }
                    return chain;
                });
    }
}
