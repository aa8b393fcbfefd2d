package io.eer.audit.ledger.application.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.audit.ledger.application.verify.Verification.Failure;
import io.eer.contracts.EventCodec;
import io.eer.contracts.MalformedEventException;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.LedgerRecord;
import io.eer.ledger.format.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks a ledger entry by entry, in index order from 0, holding only the previous chain value, so a ledger of any
 * length is checked in constant memory. For each entry it recomputes the record from the received bytes and stored
 * metadata, {@code leaf = SHA-256(0x00 ‖ JCS(record))} and {@code chain = SHA-256(0x02 ‖ previous ‖ leaf)}, and
 * compares them with what is stored. The first failure sticks; {@link #finish} compares the end with the head.
 */
public final class ChainVerifier {

    private long next;
    private byte[] chain = LedgerHash.genesis();
    private Long firstBadIndex;
    private Failure failure;
    private byte[] lastLeaf;

    /** Checks the next entry; {@code false} once any entry so far has failed (further entries are ignored). */
    public boolean accept(StoredEntry entry) {
        if (failure != null) {
            return false;
        }
        if (entry.index() != next) {
            return fail(next, Failure.INDEX_GAP);
        }
        byte[] leaf = recomputeLeaf(entry);
        if (leaf == null || !Arrays.equals(leaf, entry.leaf())) {
            return fail(entry.index(), Failure.LEAF_MISMATCH);
        }
        byte[] expectedChain = LedgerHash.chain(chain, leaf);
        if (!Arrays.equals(expectedChain, entry.chain())) {
            return fail(entry.index(), Failure.CHAIN_MISMATCH);
        }
        chain = expectedChain;
        lastLeaf = leaf;
        next++;
        return true;
    }

    /** The chain value of the last entry that checked out (32 zero bytes before the first). */
    public byte[] chainHead() {
        return chain.clone();
    }

    /** The leaf of the last accepted entry is recomputed; this is it (null before the first). */
    public byte[] lastLeaf() {
        return lastLeaf == null ? null : lastLeaf.clone();
    }

    /** How many entries have checked out so far. */
    public long verified() {
        return next;
    }

    /** The verdict once every entry below {@code head.size()} has been offered. */
    public Verification finish(LedgerHead head) {
        if (failure != null) {
            return Verification.failed(head.size(), firstBadIndex, failure);
        }
        if (next < head.size()) {
            return Verification.failed(head.size(), next, Failure.INDEX_GAP);
        }
        if (next > head.size() || !Arrays.equals(chain, head.chainHead())) {
            return Verification.failed(head.size(), Math.max(0, head.size() - 1), Failure.HEAD_MISMATCH);
        }
        return Verification.passed(head.size(), chain);
    }

    private static byte[] recomputeLeaf(StoredEntry entry) {
        if (entry.received() == null || entry.recordedAt() == null || entry.topic() == null) {
            return null;
        }
        JsonNode event;
        try {
            event = EventCodec.readTree(entry.received());
        } catch (MalformedEventException e) {
            return null; // the stored bytes are no longer the event that was hashed
        }
        LedgerRecord record = new LedgerRecord(entry.index(), entry.recordedAt(), entry.topic(), entry.partition(),
                entry.offset(), event);
        String canonical;
        try {
            canonical = record.canonicalString();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (entry.record() != null && !entry.record().equals(canonical)) {
            return null;
        }
        return LedgerHash.leaf(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private boolean fail(long index, Failure reason) {
        firstBadIndex = index;
        failure = reason;
        return false;
    }
}
