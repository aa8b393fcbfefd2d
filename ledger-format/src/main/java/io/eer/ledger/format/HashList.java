package io.eer.ledger.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SHA-256 values back to back in chunks of {@link #CHUNK} (an even number, so a pair never straddles two): no object
 * per hash. A verifier keeps about 3n of them for an export of n entries (chain values, leaves, perfect subtrees), and
 * as objects they kept the garbage collector busy.
 */
public final class HashList {

    private static final int CHUNK = 1 << 14;
    private final List<byte[]> chunks = new ArrayList<>();
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Appends a copy of {@code hash} (32 bytes). */
    public void add(byte[] hash) {
        if (hash == null || hash.length != LedgerHash.LENGTH) {
            throw new IllegalArgumentException("a hash must be " + LedgerHash.LENGTH + " bytes");
        }
        if (size % CHUNK == 0) {
            chunks.add(new byte[CHUNK * LedgerHash.LENGTH]);
        }
        System.arraycopy(hash, 0, chunks.get(size / CHUNK), (size % CHUNK) * LedgerHash.LENGTH, LedgerHash.LENGTH);
        size++;
    }

    /** A copy of the hash at {@code index}. */
    public byte[] get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int offset = (index % CHUNK) * LedgerHash.LENGTH;
        return Arrays.copyOfRange(chunks.get(index / CHUNK), offset, offset + LedgerHash.LENGTH);
    }

    /** The RFC 6962 node over the last two hashes, {@link MerkleTree#node}; the size is even. */
    byte[] lastPair() {
        int left = size - 2;
        return MerkleTree.node(chunks.get(left / CHUNK), (left % CHUNK) * LedgerHash.LENGTH);
    }
}
