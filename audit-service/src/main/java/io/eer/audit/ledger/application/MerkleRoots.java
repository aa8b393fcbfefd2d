package io.eer.audit.ledger.application;

import io.eer.audit.ledger.infra.out.CheckpointStore;
import io.eer.ledger.format.MerkleFrontier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Merkle root at the head, kept incrementally: an RFC 6962 frontier over the leaves read so far, extended with
 * only the new leaves at each checkpoint. Leaves never change (append-only), so the frontier is a cache, not state;
 * a ledger smaller than the frontier (only after someone rewrote the database) starts it again from index 0.
 *
 * <p>The checkpoint that follows a start has every leaf to read: seconds for a million entries, a 3 GB table scan.
 * {@link #catchUp()} does that reading outside the {@code ledger_head} lock, so appends go on meanwhile and the locked
 * {@link #rootAt} reads only what was appended since. Leaves are folded in chunk by chunk, never all held at once.
 */
@ApplicationScoped
public class MerkleRoots {

    private final CheckpointStore store;
    private volatile MerkleFrontier frontier = new MerkleFrontier();

    MerkleRoots(CheckpointStore store) {
        this.store = store;
    }

    /** Extends the cached frontier to the last committed head; takes no lock. */
    public Uni<Void> catchUp() {
        return store.committedSize().chain(size -> {
            MerkleFrontier start = frontier.copy();
            if (start.size() >= size) {
                return Uni.createFrom().voidItem();
            }
            return extend(start, size).invoke(extended -> {
                if (extended.size() > frontier.size()) { // a locked rootAt may have gone further meanwhile
                    frontier = extended;
                }
            }).replaceWithVoid();
        });
    }

    /** {@code MTH(leaves[0..size))}; call under the ledger_head lock, so calls do not overlap. */
    public Uni<byte[]> rootAt(long size) {
        MerkleFrontier current = frontier;
        MerkleFrontier start = current.size() <= size ? current.copy() : new MerkleFrontier();
        return extend(start, size).map(extended -> {
            frontier = extended;
            return extended.root();
        });
    }

    /** Folds leaves {@code [from.size(), size)} into {@code from} chunk after chunk: a loop, not a recursion. */
    private Uni<MerkleFrontier> extend(MerkleFrontier from, long size) {
        return store.forEachLeaf(from.size(), size, CheckpointStore.LEAF_CHUNK, from::add).replaceWith(from);
    }
}
