package io.eer.audit.ledger.application;

import io.eer.audit.ledger.infra.out.CheckpointStore;

import io.eer.ledger.format.MerkleFrontier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Merkle root at the head, kept incrementally: an RFC 6962 frontier over the leaves read so far, extended with
 * only the new leaves at each checkpoint. Leaves never change (append-only), so the frontier is a cache, not state;
 * a ledger smaller than the frontier (only after someone rewrote the database) starts it again from index 0.
 */
@ApplicationScoped
public class MerkleRoots {

    private final CheckpointStore store;
    private MerkleFrontier frontier = new MerkleFrontier();

    MerkleRoots(CheckpointStore store) {
        this.store = store;
    }

    /** {@code MTH(leaves[0..size))}; call under the ledger_head lock, so calls do not overlap. */
    public Uni<byte[]> rootAt(long size) {
        MerkleFrontier start = frontier.size() <= size ? frontier.copy() : new MerkleFrontier();
        return store.leaves(start.size(), size).map(leaves -> {
            leaves.forEach(start::add);
            frontier = start;
            return start.root();
        });
    }
}
