package io.eer.ledger.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RFC 6962 (section 2.1) Merkle tree over the ledger's leaves. The ledger's leaf values already are RFC 6962 leaf
 * hashes ({@code SHA-256(0x00 ‖ JCS(record))}), so they enter the tree as they are; an interior node is
 * {@code SHA-256(0x01 ‖ left ‖ right)} with the split at the largest power of two smaller than the size. Proof
 * verification follows RFC 9162 sections 2.1.3.2 and 2.1.4.2. Plain Java.
 */
public final class MerkleTree {

    public static final byte NODE_PREFIX = 0x01;
    public static final int LENGTH = 32;

    // MessageDigest.getInstance per node was a fifth of the verifier's Merkle time; a digest is reset by digest()
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(MerkleTree::sha256);

    private MerkleTree() {
    }

    /** {@code MTH} of the empty tree: {@code SHA-256()} of no bytes. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** {@code SHA-256(0x01 ‖ left ‖ right)}. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha256 = DIGEST.get();
        sha256.reset(); // in case an earlier call threw between update and digest
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** {@link #node} of the two hashes stored back to back at {@code hashes[offset, offset + 64)}. */
    static byte[] node(byte[] hashes, int offset) {
        MessageDigest sha256 = DIGEST.get();
        sha256.reset();
        sha256.update(NODE_PREFIX);
        sha256.update(hashes, offset, 2 * LENGTH);
        return sha256.digest();
    }

    /** {@code MTH(leaves[0..size))}. */
    public static byte[] root(List<byte[]> leaves, long size) {
        requireSize(leaves, size);
        return size == 0 ? emptyRoot() : subtree(leaves, 0, (int) size);
    }

    /** The audit path {@code PATH(index, leaves[0..size))}, bottom up. */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, long index, long size) {
        requireSize(leaves, size);
        return hashes(inclusionRanges(index, size), (start, end) -> subtree(leaves, start, end));
    }

    /** The consistency proof {@code PROOF(from, leaves[0..to))}; empty when {@code from} is 0 or equals {@code to}. */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, long from, long to) {
        requireSize(leaves, to);
        return hashes(consistencyRanges(from, to), (start, end) -> subtree(leaves, start, end));
    }

    /**
     * The leaf ranges whose roots make up {@code PATH(index, D[0..size))}, in proof order (bottom up): RFC 6962
     * section 2.1.1. They are disjoint and none holds {@code index}; O(log size) of them.
     */
    public static List<Range> inclusionRanges(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index must be in [0, size)");
        }
        List<Range> ranges = new ArrayList<>();
        path(index, 0, size, ranges);
        return ranges;
    }

    /**
     * The leaf ranges whose roots make up {@code PROOF(from, D[0..to))}, in proof order: RFC 6962 section 2.1.2.
     * Empty when {@code from} is 0 or equals {@code to}; else disjoint, O(log to) of them.
     */
    public static List<Range> consistencyRanges(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("from must be in [0, to]");
        }
        List<Range> ranges = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(from, 0, to, true, ranges);
        }
        return ranges;
    }

    /** The leaves {@code D[start..end)} of a subtree whose root {@code MTH(D[start..end))} is part of a proof. */
    public record Range(long start, long end) {
        public Range {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a range must be non-empty and start at 0 or later");
            }
        }
    }

    /** RFC 9162 2.1.3.2: does {@code proof} lead from {@code leaf} at {@code index} to {@code root} of {@code size}? */
    public static boolean verifyInclusion(byte[] leaf, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || leaf == null || root == null) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: is the tree of size {@code to} with {@code toRoot} an extension of {@code from}/{@code fromRoot}? */
    public static boolean verifyConsistency(long from, long to, List<byte[]> proof, byte[] fromRoot, byte[] toRoot) {
        if (from < 0 || from > to || fromRoot == null || toRoot == null) {
            return false;
        }
        if (from == to) {
            return proof.isEmpty() && Arrays.equals(fromRoot, toRoot);
        }
        if (from == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            path.add(0, fromRoot); // from is a power of two: the old root is the first subtree
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(c, fr);
                sr = node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, fromRoot) && Arrays.equals(sr, toRoot);
    }

    /** The largest power of two smaller than {@code n} (n ≥ 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** {@code MTH(leaves[start..end))}, however the caller gets it: recursively, or from a {@link MerkleLevels}. */
    interface Subtrees {
        byte[] hash(int start, int end);
    }

    /** The roots of {@code ranges}, in their order. */
    static List<byte[]> hashes(List<Range> ranges, Subtrees tree) {
        List<byte[]> hashes = new ArrayList<>(ranges.size());
        ranges.forEach(range -> hashes.add(tree.hash((int) range.start(), (int) range.end())));
        return hashes;
    }

    private static byte[] subtree(List<byte[]> leaves, int start, int end) {
        int n = end - start;
        if (n == 1) {
            return leaves.get(start);
        }
        int k = (int) split(n);
        return node(subtree(leaves, start, start + k), subtree(leaves, start + k, end));
    }

    // PATH and SUBPROOF of RFC 6962 2.1.1/2.1.2 with m relative to start; they name the subtrees, the callers hash
    // them (recursively, from a MerkleLevels, or by streaming each range's leaves)
    private static void path(long m, long start, long end, List<Range> proof) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(m, start, start + k, proof);
            proof.add(new Range(start + k, end));
        } else {
            path(m - k, start + k, end, proof);
            proof.add(new Range(start, start + k));
        }
    }

    private static void subproof(long m, long start, long end, boolean whole, List<Range> proof) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                proof.add(new Range(start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, whole, proof);
            proof.add(new Range(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(new Range(start, start + k));
        }
    }

    private static void requireSize(List<byte[]> leaves, long size) {
        if (size < 0 || size > leaves.size()) {
            throw new IllegalArgumentException("size must be in [0, number of leaves]");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
