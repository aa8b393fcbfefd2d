package io.eer.ledger.format;

import java.time.Instant;
import java.util.Arrays;

/**
 * The end of the chain: how many entries the ledger holds ({@code size}, also the index the next entry gets) and
 * {@code chain[size-1]} (32 zero bytes when empty). Appending is the only way forward.
 */
public record LedgerHead(long size, byte[] chainHead) {

    public LedgerHead {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (chainHead == null || chainHead.length != LedgerHash.LENGTH) {
            throw new IllegalArgumentException("chainHead must be " + LedgerHash.LENGTH + " bytes");
        }
        chainHead = chainHead.clone();
    }

    public static LedgerHead empty() {
        return new LedgerHead(0, LedgerHash.genesis());
    }

    @Override
    public byte[] chainHead() {
        return chainHead.clone();
    }

    public String chainHeadHex() {
        return LedgerHash.hex(chainHead);
    }

    /** The entry {@code received} becomes at index {@code size}, recorded at {@code recordedAt}. */
    public LedgerEntry append(ReceivedEvent received, Instant recordedAt) {
        LedgerRecord record = LedgerRecord.of(size, recordedAt, received);
        byte[] leaf = record.leaf();
        return new LedgerEntry(record, received.bytes(), leaf, LedgerHash.chain(chainHead, leaf));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LedgerHead that && size == that.size && Arrays.equals(chainHead, that.chainHead);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(size) + Arrays.hashCode(chainHead);
    }

    @Override
    public String toString() {
        return "LedgerHead[size=" + size + ", chainHead=" + chainHeadHex() + "]";
    }
}
