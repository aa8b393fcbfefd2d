package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ranges a proof needs, each folded from its own leaves into a {@link MerkleFrontier} or all streamed once
 * through {@link RangeRoots}, give the proofs byte for byte: against {@link MerkleTree}'s proofs and against PATH and
 * PROOF written out here as RFC 6962 2.1.1/2.1.2 state them (over sub-lists, sharing no code with MerkleTree's),
 * at every size, index and pair up to 70.
 */
class ProofRangesTest {

    private static final int MAX = 70;
    private static final List<byte[]> LEAVES = leaves(MAX);

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(LedgerHash.leaf(("leaf " + i).getBytes()));
        }
        return leaves;
    }

    /** {@code MTH(D[start..end))}, folded leaf by leaf. */
    private static byte[] folded(MerkleTree.Range range) {
        MerkleFrontier frontier = new MerkleFrontier();
        for (long i = range.start(); i < range.end(); i++) {
            frontier.add(LEAVES.get((int) i));
        }
        return frontier.root();
    }

    private static List<byte[]> folded(List<MerkleTree.Range> ranges) {
        return ranges.stream().map(ProofRangesTest::folded).toList();
    }

    /** The ranges' roots, all in one pass over {@code D[0..size)}. */
    private static List<byte[]> streamed(List<MerkleTree.Range> ranges, int size) {
        RangeRoots roots = new RangeRoots(ranges);
        LEAVES.subList(0, size).forEach(roots::add);
        assertThat(roots.size()).isEqualTo(size);
        return roots.roots();
    }

    // RFC 6962 2.1: MTH, PATH and PROOF/SUBPROOF, word for word over sub-lists
    private static byte[] mth(List<byte[]> d) {
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return MerkleTree.node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    private static List<byte[]> rfcPath(int m, List<byte[]> d) {
        List<byte[]> path = new ArrayList<>();
        int n = d.size();
        if (n == 1) {
            return path;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            path.addAll(rfcPath(m, d.subList(0, k)));
            path.add(mth(d.subList(k, n)));
        } else {
            path.addAll(rfcPath(m - k, d.subList(k, n)));
            path.add(mth(d.subList(0, k)));
        }
        return path;
    }

    private static List<byte[]> rfcSubproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> proof = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!b) {
                proof.add(mth(d));
            }
            return proof;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            proof.addAll(rfcSubproof(m, d.subList(0, k), b));
            proof.add(mth(d.subList(k, n)));
        } else {
            proof.addAll(rfcSubproof(m - k, d.subList(k, n), false));
            proof.add(mth(d.subList(0, k)));
        }
        return proof;
    }

    @Test
    void inclusionRanges_foldedIntoFrontiers_areThePath_atEveryIndexAndSize() {
        for (int size = 1; size <= MAX; size++) {
            for (int index = 0; index < size; index++) {
                List<MerkleTree.Range> ranges = MerkleTree.inclusionRanges(index, size);
                List<byte[]> proof = folded(ranges);
                assertThat(proof).as("inclusion %d of %d", index, size)
                        .containsExactlyElementsOf(rfcPath(index, LEAVES.subList(0, size)))
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(LEAVES, index, size));
                assertThat(streamed(ranges, size)).as("streamed %d of %d", index, size)
                        .containsExactlyElementsOf(proof);
            }
        }
    }

    @Test
    void consistencyRanges_foldedIntoFrontiers_areTheProof_atEveryPair() {
        for (int to = 1; to <= MAX; to++) {
            for (int from = 0; from <= to; from++) {
                List<MerkleTree.Range> ranges = MerkleTree.consistencyRanges(from, to);
                List<byte[]> proof = folded(ranges);
                List<byte[]> expected = from == 0 ? List.of() : rfcSubproof(from, LEAVES.subList(0, to), true);
                assertThat(proof).as("consistency %d -> %d", from, to)
                        .containsExactlyElementsOf(expected)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(LEAVES, from, to));
                assertThat(streamed(ranges, to)).as("streamed %d -> %d", from, to).containsExactlyElementsOf(proof);
            }
        }
    }

    @Test
    void oneStream_givesTheProofTheLeafAndBothRoots_whichVerify() {
        for (int size = 1; size <= MAX; size++) {
            byte[] root = MerkleTree.root(LEAVES, size);
            for (int index = 0; index < size; index++) {
                List<MerkleTree.Range> ranges = new ArrayList<>(MerkleTree.inclusionRanges(index, size));
                int n = ranges.size();
                ranges.add(new MerkleTree.Range(index, index + 1));
                ranges.add(new MerkleTree.Range(0, size));
                List<byte[]> roots = streamed(ranges, size);
                assertThat(roots.get(n)).isEqualTo(LEAVES.get(index));
                assertThat(roots.get(n + 1)).as("root %d", size).isEqualTo(root);
                assertThat(MerkleTree.verifyInclusion(roots.get(n), index, size, roots.subList(0, n), root))
                        .as("verify %d in %d", index, size).isTrue();
            }
            for (int from = 1; from <= size; from++) {
                List<MerkleTree.Range> ranges = new ArrayList<>(MerkleTree.consistencyRanges(from, size));
                int n = ranges.size();
                ranges.add(new MerkleTree.Range(0, from));
                ranges.add(new MerkleTree.Range(0, size));
                List<byte[]> roots = streamed(ranges, size);
                assertThat(roots.get(n)).as("root %d", from).isEqualTo(MerkleTree.root(LEAVES, from));
                assertThat(roots.get(n + 1)).isEqualTo(root);
                assertThat(MerkleTree.verifyConsistency(from, size, roots.subList(0, n), roots.get(n), root))
                        .as("verify %d -> %d", from, size).isTrue();
            }
        }
    }

    @Test
    void ranges_beyondIntSizes_areFewDisjointAndCoverTheTreeWithTheLeaf() {
        long size = 10_000_000_019L;
        long index = 7_654_321_987L;
        List<MerkleTree.Range> path = new ArrayList<>(MerkleTree.inclusionRanges(index, size));
        assertThat(path).hasSizeLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size));
        path.add(new MerkleTree.Range(index, index + 1));
        assertTiles(path, 0, size);

        // from not a power of two: the proof's subtrees tile the new tree; a power of two: with the old tree
        long from = 6_000_000_001L;
        List<MerkleTree.Range> proof = MerkleTree.consistencyRanges(from, size);
        assertThat(proof).hasSizeLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size) + 1);
        assertTiles(proof, 0, size);
        long powerOfTwo = 1L << 32;
        List<MerkleTree.Range> fromPowerOfTwo = new ArrayList<>(MerkleTree.consistencyRanges(powerOfTwo, size));
        fromPowerOfTwo.add(new MerkleTree.Range(0, powerOfTwo));
        assertTiles(fromPowerOfTwo, 0, size);
    }

    /** {@code ranges}, in start order, are disjoint and cover {@code [start, end)} exactly. */
    private static void assertTiles(List<MerkleTree.Range> ranges, long start, long end) {
        List<MerkleTree.Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(MerkleTree.Range::start));
        long next = start;
        for (MerkleTree.Range range : sorted) {
            assertThat(range.start()).as("%s", sorted).isEqualTo(next);
            next = range.end();
        }
        assertThat(next).isEqualTo(end);
    }

    @Test
    void badArguments_andAnUnfinishedStream_areRefused() {
        assertThatThrownBy(() -> MerkleTree.inclusionRanges(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.inclusionRanges(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyRanges(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerkleTree.Range(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MerkleTree.consistencyRanges(0, 5)).isEmpty();
        assertThat(MerkleTree.consistencyRanges(5, 5)).isEmpty();

        RangeRoots roots = new RangeRoots(MerkleTree.inclusionRanges(0, 5));
        LEAVES.subList(0, 4).forEach(roots::add);
        assertThatThrownBy(roots::roots).isInstanceOf(IllegalStateException.class);
        roots.add(LEAVES.get(4));
        assertThat(roots.roots()).containsExactlyElementsOf(MerkleTree.inclusionProof(LEAVES, 0, 5));
    }
}
