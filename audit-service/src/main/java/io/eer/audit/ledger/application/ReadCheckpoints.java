package io.eer.audit.ledger.application;

import io.eer.audit.ledger.infra.out.CheckpointStore;
import io.eer.ledger.format.SignedCheckpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads signed checkpoints for the REST edge, which does not reach into the store itself. */
@ApplicationScoped
public class ReadCheckpoints {

    private final CheckpointStore store;

    ReadCheckpoints(CheckpointStore store) {
        this.store = store;
    }

    /** Checkpoints with {@code seq >= fromSeq}, oldest first, at most {@code max}. */
    public Uni<List<SignedCheckpoint>> list(long fromSeq, int max) {
        return store.list(fromSeq, max);
    }

    /** Every checkpoint over at most {@code maxSize} entries. */
    public Uni<List<SignedCheckpoint>> upToSize(long maxSize) {
        return store.upToSize(maxSize);
    }
}
