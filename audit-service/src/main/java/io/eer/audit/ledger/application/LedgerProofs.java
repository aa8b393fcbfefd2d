package io.eer.audit.ledger.application;

import io.eer.audit.ledger.infra.out.CheckpointStore;
import io.eer.ledger.format.MerkleTree;
import io.eer.ledger.format.RangeRoots;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 inclusion and consistency proofs over the stored leaves, in O(log n) memory: a proof is the roots of
 * O(log n) leaf ranges ({@link MerkleTree#inclusionRanges}, {@link MerkleTree#consistencyRanges}), and one pass over
 * the leaves {@code [0, size)}, read a chunk at a time, folds each range into its root ({@link RangeRoots}), with the
 * tree's root (and the old tree's, or the proven leaf) in the same pass. The leaves are never held: a proof at ten
 * million entries reads 320 MB of leaves and keeps a few kilobytes.
 */
@ApplicationScoped
public class LedgerProofs {

    /** {@code PATH(index, D[0..size))} with the leaf it starts from and the root it leads to. */
    public record Inclusion(byte[] leaf, byte[] root, List<byte[]> proof) {
    }

    /** {@code PROOF(from, D[0..to))} with the roots of both trees. */
    public record Consistency(byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
    }

    private final CheckpointStore store;
    private final int chunk;

    @Inject
    LedgerProofs(CheckpointStore store) {
        this(store, CheckpointStore.LEAF_CHUNK);
    }

    /** Reads {@code chunk} leaves per query (tests make it small, so that a short ledger spans several). */
    LedgerProofs(CheckpointStore store, int chunk) {
        this.store = store;
        this.chunk = chunk;
    }

    /** Requires {@code 0 <= index < size <= } the committed ledger size. */
    public Uni<Inclusion> inclusion(long index, long size) {
        List<MerkleTree.Range> ranges = new ArrayList<>(MerkleTree.inclusionRanges(index, size));
        int proof = ranges.size();
        ranges.add(new MerkleTree.Range(index, index + 1));
        return roots(ranges, size).map(roots -> new Inclusion(roots.get(proof), roots.get(proof + 1),
                roots.subList(0, proof)));
    }

    /** Requires {@code 1 <= from <= to <= } the committed ledger size. */
    public Uni<Consistency> consistency(long from, long to) {
        List<MerkleTree.Range> ranges = new ArrayList<>(MerkleTree.consistencyRanges(from, to));
        int proof = ranges.size();
        ranges.add(new MerkleTree.Range(0, from));
        return roots(ranges, to).map(roots -> new Consistency(roots.get(proof), roots.get(proof + 1),
                roots.subList(0, proof)));
    }

    /** The roots of {@code ranges} and then of the whole {@code [0, size)}, from one pass over its leaves. */
    private Uni<List<byte[]>> roots(List<MerkleTree.Range> ranges, long size) {
        ranges.add(new MerkleTree.Range(0, size));
        RangeRoots roots = new RangeRoots(ranges);
        return store.forEachLeaf(0, size, chunk, roots::add).map(done -> roots.roots());
    }
}
