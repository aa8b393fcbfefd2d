package io.eer.ledger.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * One appended ledger entry: the record, the bytes exactly as received, {@code leaf = SHA-256(0x00 ‖ JCS(record))}
 * and {@code chain = SHA-256(0x02 ‖ previous chain ‖ leaf)}. Arrays are copied in and out.
 */
public record LedgerEntry(LedgerRecord record, byte[] received, byte[] leaf, byte[] chain) {

    public LedgerEntry {
        Objects.requireNonNull(record, "record");
        received = received.clone();
        leaf = leaf.clone();
        chain = chain.clone();
    }

    public long index() {
        return record.index();
    }

    @Override
    public byte[] received() {
        return received.clone();
    }

    @Override
    public byte[] leaf() {
        return leaf.clone();
    }

    @Override
    public byte[] chain() {
        return chain.clone();
    }

    /** The ledger head once this entry is the last one. */
    public LedgerHead head() {
        return new LedgerHead(record.index() + 1, chain);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LedgerEntry that && record.equals(that.record)
                && Arrays.equals(received, that.received) && Arrays.equals(leaf, that.leaf)
                && Arrays.equals(chain, that.chain);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chain);
    }

    @Override
    public String toString() {
        return "LedgerEntry[index=" + index() + ", leaf=" + LedgerHash.hex(leaf) + ", chain=" + LedgerHash.hex(chain)
                + "]";
    }
}
