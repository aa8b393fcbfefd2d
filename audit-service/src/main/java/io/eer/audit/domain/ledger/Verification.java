package io.eer.audit.domain.ledger;

/**
 * The outcome of checking a ledger: {@code ok} with its size and chain head, or the first index that does not
 * check out and why.
 */
public record Verification(boolean ok, long size, String head, Long firstBadIndex, Failure reason) {

    public enum Failure {
        /** The leaf recomputed from the received bytes and metadata differs from the stored leaf or record. */
        LEAF_MISMATCH("leaf mismatch"),
        /** {@code SHA-256(0x02 ‖ chain[i-1] ‖ leaf[i])} differs from the stored chain value. */
        CHAIN_MISMATCH("chain mismatch"),
        /** An index is missing (or out of order): the ledger is not gap-free. */
        INDEX_GAP("index gap"),
        /** Every entry checks out, but the stored head (size, chain head) disagrees with them. */
        HEAD_MISMATCH("head mismatch");

        private final String text;

        Failure(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static Verification passed(long size, byte[] head) {
        return new Verification(true, size, LedgerHash.hex(head), null, null);
    }

    public static Verification failed(long size, long firstBadIndex, Failure reason) {
        return new Verification(false, size, null, firstBadIndex, reason);
    }
}
