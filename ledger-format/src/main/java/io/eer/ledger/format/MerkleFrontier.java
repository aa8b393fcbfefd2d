package io.eer.ledger.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an RFC 6962 tree: the roots of its perfect subtrees, largest first (one per 1-bit of the size).
 * Appending a leaf and computing the root take O(log n) hashes and memory, so the checkpointer and the verifier can
 * stream the ledger instead of holding every leaf.
 */
public final class MerkleFrontier {

    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

    public long size() {
        return size;
    }

    public void add(byte[] leaf) {
        if (leaf == null || leaf.length != MerkleTree.LENGTH) {
            throw new IllegalArgumentException("a leaf must be " + MerkleTree.LENGTH + " bytes");
        }
        byte[] carry = leaf.clone();
        // merge equal-sized perfect subtrees, as binary addition carries
        for (long s = size; (s & 1) == 1; s >>= 1) {
            carry = MerkleTree.node(subtrees.remove(subtrees.size() - 1), carry);
        }
        subtrees.add(carry);
        size++;
    }

    /** {@code MTH} of the leaves added so far. */
    public byte[] root() {
        if (size == 0) {
            return MerkleTree.emptyRoot();
        }
        byte[] root = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = MerkleTree.node(subtrees.get(i), root);
        }
        return root;
    }

    public MerkleFrontier copy() {
        MerkleFrontier copy = new MerkleFrontier();
        copy.subtrees.addAll(subtrees);
        copy.size = size;
        return copy;
    }
}
