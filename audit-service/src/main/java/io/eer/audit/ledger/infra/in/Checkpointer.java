package io.eer.audit.ledger.infra.in;

import io.eer.audit.ledger.application.CreateCheckpoint;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Every tick: keep or take the writer lease, and if this instance holds it, sign a checkpoint when one is due (the
 * ledger grew and {@code interval} has passed, or {@code heartbeat} has passed with nothing new). A cadence, not
 * due-row work (there are no rows to claim: the lease and the last checkpoint decide), so a plain {@code @Scheduled}
 * trigger here in {@code infra.in} calling the application operation {@link CreateCheckpoint}, not a
 * {@code DuePoller}.
 */
@ApplicationScoped
public class Checkpointer {

    private static final Logger LOG = Logger.getLogger(Checkpointer.class);

    private final LedgerLeader leader;
    private final CreateCheckpoint createCheckpoint;

    Checkpointer(LedgerLeader leader, CreateCheckpoint createCheckpoint) {
        this.leader = leader;
        this.createCheckpoint = createCheckpoint;
    }

    @Scheduled(every = "${eer.audit.checkpoint.tick:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return leader.refresh()
                .chain(isLeader -> isLeader ? createCheckpoint.ifDue().invoke(signed -> signed.ifPresent(
                        checkpoint -> LOG.debugf("signed checkpoint %d", checkpoint.seq()))).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> LOG.warnf("checkpoint not signed this time: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
