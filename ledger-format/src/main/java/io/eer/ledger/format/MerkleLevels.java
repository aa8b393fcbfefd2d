package io.eer.ledger.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 tree of {@link MerkleTree}, grown leaf by leaf and keeping every complete perfect subtree's hash
 * (level h holds {@code MTH} of each aligned run of 2^h leaves; about 2n hashes in all). {@link #root}, the
 * inclusion and the consistency proofs at any size then cost O(log n) hashes instead of {@link MerkleTree}'s O(n):
 * the standalone verifier recomputed the whole tree at every one of an export's checkpoints. The results are
 * {@link MerkleTree}'s, byte for byte (MerkleLevelsTest compares them at every size and pair up to 70).
 */
public final class MerkleLevels {

    // levels.get(h).get(j) = MTH(leaves[j * 2^h .. (j + 1) * 2^h))
    private final List<HashList> levels = new ArrayList<>();
    private int size;

    public int size() {
        return size;
    }

    /** Appends a leaf hash (32 bytes, stored as given) and every perfect subtree it completes. */
    public void add(byte[] leaf) {
        if (leaf == null || leaf.length != MerkleTree.LENGTH) {
            throw new IllegalArgumentException("a leaf must be " + MerkleTree.LENGTH + " bytes");
        }
        level(0).add(leaf);
        size++;
        // the new leaf completes a subtree of 2^(h+1) leaves for every trailing zero bit of the new size
        for (int h = 0, n = size; (n & 1) == 0; h++, n >>= 1) {
            level(h + 1).add(levels.get(h).lastPair());
        }
    }

    /** The leaf at {@code index}. */
    public byte[] leaf(int index) {
        return levels.get(0).get(index);
    }

    /** {@code MTH(leaves[0..size))}, as {@link MerkleTree#root}. */
    public byte[] root(long size) {
        requireSize(size);
        return size == 0 ? MerkleTree.emptyRoot() : hash(0, (int) size);
    }

    /** {@code PATH(index, leaves[0..size))}, as {@link MerkleTree#inclusionProof}. */
    public List<byte[]> inclusionProof(long index, long size) {
        requireSize(size);
        return MerkleTree.hashes(MerkleTree.inclusionRanges(index, size), this::hash);
    }

    /** {@code PROOF(from, leaves[0..to))}, as {@link MerkleTree#consistencyProof}. */
    public List<byte[]> consistencyProof(long from, long to) {
        requireSize(to);
        return MerkleTree.hashes(MerkleTree.consistencyRanges(from, to), this::hash);
    }

    /** {@code MTH(leaves[start..end))}: a stored perfect subtree, or split as RFC 6962 does (left parts are stored). */
    private byte[] hash(int start, int end) {
        int n = end - start;
        if (Integer.bitCount(n) == 1 && start % n == 0) {
            return levels.get(Integer.numberOfTrailingZeros(n)).get(start / n);
        }
        int k = (int) MerkleTree.split(n);
        return MerkleTree.node(hash(start, start + k), hash(start + k, end));
    }

    private HashList level(int h) {
        if (levels.size() == h) {
            levels.add(new HashList());
        }
        return levels.get(h);
    }

    private void requireSize(long size) {
        if (size < 0 || size > this.size) {
            throw new IllegalArgumentException("size must be in [0, number of leaves]");
        }
    }
}
