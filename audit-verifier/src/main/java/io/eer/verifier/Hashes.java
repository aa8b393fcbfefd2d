package io.eer.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The ledger's hashes, written from the format description alone: {@code leaf = SHA-256(0x00 ‖ JCS(record))},
 * {@code chain[i] = SHA-256(0x02 ‖ chain[i-1] ‖ leaf[i])}, and the RFC 6962 Merkle tree (interior node
 * {@code SHA-256(0x01 ‖ left ‖ right)}) with RFC 9162's proof verification.
 */
final class Hashes {

    static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    static byte[] sha256(byte prefix, byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prefix);
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] leaf(byte[] canonicalRecord) {
        return sha256((byte) 0x00, canonicalRecord);
    }

    static byte[] chain(byte[] previous, byte[] leaf) {
        return sha256((byte) 0x02, previous, leaf);
    }

    static byte[] node(byte[] left, byte[] right) {
        return sha256((byte) 0x01, left, right);
    }

    static byte[] emptyRoot() {
        try {
            return MessageDigest.getInstance("SHA-256").digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MTH(leaves[start..end)). */
    static byte[] root(List<byte[]> leaves, int start, int end) {
        int n = end - start;
        if (n == 0) {
            return emptyRoot();
        }
        if (n == 1) {
            return leaves.get(start);
        }
        int k = Integer.highestOneBit(n - 1);
        return node(root(leaves, start, start + k), root(leaves, start + k, end));
    }

    /** RFC 6962 PROOF(m, D[0..n)). */
    static List<byte[]> consistencyProof(List<byte[]> leaves, int m, int n) {
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(leaves, m, 0, n, true, proof);
        }
        return proof;
    }

    private static void subproof(List<byte[]> leaves, int m, int start, int end, boolean whole, List<byte[]> proof) {
        int n = end - start;
        if (m == n) {
            if (!whole) {
                proof.add(root(leaves, start, end));
            }
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            subproof(leaves, m, start, start + k, whole, proof);
            proof.add(root(leaves, start + k, end));
        } else {
            subproof(leaves, m - k, start + k, end, false, proof);
            proof.add(root(leaves, start, start + k));
        }
    }

    /** RFC 9162 2.1.3.2. */
    static boolean verifyInclusion(byte[] leaf, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
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
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2. */
    static boolean verifyConsistency(long m, long n, List<byte[]> proof, byte[] firstRoot, byte[] secondRoot) {
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (m == 0) {
            return proof.isEmpty();
        }
        if (m > n || proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(m) == 1) {
            path.add(0, firstRoot);
        }
        long fn = m - 1;
        long sn = n - 1;
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
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }
}
