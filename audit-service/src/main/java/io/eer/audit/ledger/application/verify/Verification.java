package io.eer.audit.ledger.application.verify;

import io.eer.ledger.format.LedgerHash;
/**
 * The outcome of checking a ledger: {@code ok} with its size and chain head, or the first index that does not
 * check out and why.
 */
public record Verification(boolean ok, long size, String head, Long firstBadIndex, Failure reason, Long checkpoint,
        String detail, long checkpointsVerified) {

    public Verification(boolean ok, long size, String head, Long firstBadIndex, Failure reason) {
        this(ok, size, head, firstBadIndex, reason, null, null, 0);
    }

    public enum Failure {
        /** The leaf recomputed from the received bytes and metadata differs from the stored leaf or record. */
        LEAF_MISMATCH("leaf mismatch"),
        /** {@code SHA-256(0x02 ‖ chain[i-1] ‖ leaf[i])} differs from the stored chain value. */
        CHAIN_MISMATCH("chain mismatch"),
        /** An index is missing (or out of order): the ledger is not gap-free. */
        INDEX_GAP("index gap"),
        /** Every entry checks out, but the stored head (size, chain head) disagrees with them. */
        HEAD_MISMATCH("head mismatch"),
        /** A checkpoint's signature does not verify with the public key its keyId names (or the key is unknown). */
        CHECKPOINT_SIGNATURE("checkpoint signature invalid"),
        /**
         * A validly signed checkpoint's chain head or Merkle root differs from the ledger's: an entry at or after the
         * last matching checkpoint ({@code firstBadIndex}) and before this checkpoint's size was changed, inserted or
         * removed, with the hash chain recomputed around it.
         */
        CHECKPOINT_MISMATCH("checkpoint mismatch"),
        /** A validly signed checkpoint covers more entries than the ledger holds: the tail was cut off. */
        TRUNCATED("ledger truncated");

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

    public Verification withCheckpoints(long verified) {
        return new Verification(ok, size, head, firstBadIndex, reason, checkpoint, detail, verified);
    }

    public static Verification checkpointFailed(long size, Long firstBadIndex, Failure reason, long checkpoint,
            String detail, long verified) {
        return new Verification(false, size, null, firstBadIndex, reason, checkpoint, detail, verified);
    }
}
