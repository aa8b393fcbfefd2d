package io.eer.ledger.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The roots {@code MTH(D[start..end))} of given leaf ranges, folded from the leaves as they stream past in index
 * order from 0, so that a proof over millions of leaves never holds them: each range gets a {@link MerkleFrontier}
 * when the stream reaches its start and is reduced to its root at its end. Memory is O(log n) per range open at once;
 * a proof's ranges ({@link MerkleTree#inclusionRanges}, {@link MerkleTree#consistencyRanges}) are disjoint, so with
 * the tree's own root and a prefix root at most three are open. Plain Java.
 */
public final class RangeRoots {

    private final List<MerkleTree.Range> ranges;
    private final Integer[] byStart;
    private final MerkleFrontier[] open;
    private final byte[][] roots;
    private final List<Integer> opened = new ArrayList<>();
    private int nextToOpen;
    private long size;

    public RangeRoots(List<MerkleTree.Range> ranges) {
        this.ranges = List.copyOf(ranges);
        this.byStart = new Integer[this.ranges.size()];
        Arrays.setAll(byStart, i -> i);
        Arrays.sort(byStart, Comparator.comparingLong(i -> this.ranges.get(i).start()));
        this.open = new MerkleFrontier[byStart.length];
        this.roots = new byte[byStart.length][];
    }

    /** Leaves added so far: the next leaf is the one at this index. */
    public long size() {
        return size;
    }

    /** Adds the leaf at index {@link #size()} to every range that holds it. */
    public void add(byte[] leaf) {
        while (nextToOpen < byStart.length && ranges.get(byStart[nextToOpen]).start() == size) {
            open[byStart[nextToOpen]] = new MerkleFrontier();
            opened.add(byStart[nextToOpen++]);
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            int range = opened.get(i);
            open[range].add(leaf);
            if (ranges.get(range).end() == size + 1) {
                roots[range] = open[range].root();
                open[range] = null;
                opened.remove(i);
            }
        }
        size++;
    }

    /** The ranges' roots, in the order they were given; every range must have been streamed to its end. */
    public List<byte[]> roots() {
        for (int i = 0; i < roots.length; i++) {
            if (roots[i] == null) {
                throw new IllegalStateException("range " + ranges.get(i) + " is not complete at " + size + " leaves");
            }
        }
        return List.of(roots);
    }
}
