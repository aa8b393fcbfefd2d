package io.eer.audit.ledger.application.verify;

import io.eer.audit.ledger.application.verify.Verification.Failure;
import io.eer.ledger.format.Checkpoint;
import io.eer.ledger.format.Ed25519;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.MerkleFrontier;
import io.eer.ledger.format.SignedCheckpoint;
import io.eer.ledger.format.StoredEntry;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The whole check of a ledger and its signed checkpoints, streaming in constant memory: {@link ChainVerifier} for
 * every entry, an RFC 6962 {@link MerkleFrontier} over the recomputed leaves, and, whenever the ledger reaches a
 * checkpoint's size, that checkpoint's signature (with the public key its {@code keyId} names) and its chain head and
 * Merkle root against the recomputed ones. A checkpoint whose size is never reached names the cut-off tail.
 */
public final class LedgerVerifier {

    private final ChainVerifier chain = new ChainVerifier();
    private final MerkleFrontier tree = new MerkleFrontier();
    private final Deque<SignedCheckpoint> pending;
    private final Map<String, PublicKey> keys;
    private long vouchedSize; // entries [0, vouchedSize) are covered by a matching signed checkpoint
    private long checkpointsVerified;
    private Verification checkpointFailure;

    /** {@code keys}: the trusted public keys by key id (the current one and retired ones). */
    public LedgerVerifier(List<SignedCheckpoint> checkpoints, Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
        this.pending = new ArrayDeque<>();
        checkpoints.stream().sorted(Comparator.comparingLong(LedgerVerifier::sizeOf)
                .thenComparingLong(SignedCheckpoint::seq)).forEach(pending::add);
        checkAt(0);
    }

    /** Checks the next entry; {@code false} once anything has failed. */
    public boolean accept(StoredEntry entry) {
        if (checkpointFailure != null || !chain.accept(entry)) {
            return false;
        }
        tree.add(chain.lastLeaf());
        checkAt(tree.size());
        return checkpointFailure == null;
    }

    public Verification finish(LedgerHead head) {
        if (checkpointFailure != null) {
            return checkpointFailure;
        }
        Verification verdict = chain.finish(head);
        if (!verdict.ok()) {
            return verdict.withCheckpoints(checkpointsVerified);
        }
        if (!pending.isEmpty()) {
            SignedCheckpoint beyond = pending.peek();
            String problem = signatureProblem(beyond);
            if (problem != null) {
                return Verification.checkpointFailed(head.size(), null, Failure.CHECKPOINT_SIGNATURE, beyond.seq(),
                        problem, checkpointsVerified);
            }
            return Verification.checkpointFailed(head.size(), head.size(), Failure.TRUNCATED, beyond.seq(),
                    "checkpoint " + beyond.seq() + " was signed for " + sizeOf(beyond) + " entries but the ledger "
                            + "holds " + head.size() + ": entries from index " + head.size() + " are missing",
                    checkpointsVerified);
        }
        return verdict.withCheckpoints(checkpointsVerified);
    }

    private void checkAt(long size) {
        while (checkpointFailure == null && !pending.isEmpty() && sizeOf(pending.peek()) <= size) {
            SignedCheckpoint next = pending.poll();
            checkpointFailure = check(next, size);
            if (checkpointFailure == null) {
                checkpointsVerified++;
                vouchedSize = size;
            }
        }
    }

    private Verification check(SignedCheckpoint signed, long size) {
        String problem = signatureProblem(signed);
        if (problem != null) {
            return Verification.checkpointFailed(size, null, Failure.CHECKPOINT_SIGNATURE, signed.seq(), problem,
                    checkpointsVerified);
        }
        Checkpoint checkpoint = signed.checkpoint();
        boolean headMatches = Arrays.equals(checkpoint.chainHead(), chain.chainHead());
        boolean rootMatches = Arrays.equals(checkpoint.merkleRoot(), tree.root());
        if (headMatches && rootMatches) {
            return null;
        }
        return Verification.checkpointFailed(size, vouchedSize, Failure.CHECKPOINT_MISMATCH, signed.seq(),
                "checkpoint " + signed.seq() + " (size " + size + ") signed "
                        + (headMatches ? "" : "chain head "
                                + LedgerHash.hex(checkpoint.chainHead()) + " ")
                        + (rootMatches ? "" : "Merkle root " + LedgerHash.hex(checkpoint.merkleRoot()) + " ")
                        + "but the ledger recomputes to chain head " + LedgerHash.hex(chain.chainHead())
                        + " and Merkle root " + LedgerHash.hex(tree.root()) + ": an entry from index " + vouchedSize
                        + " to " + (size - 1) + " differs from what was signed",
                checkpointsVerified);
    }

    private String signatureProblem(SignedCheckpoint signed) {
        Checkpoint checkpoint;
        try {
            checkpoint = signed.checkpoint();
        } catch (IllegalArgumentException e) {
            return "checkpoint " + signed.seq() + " is unreadable: " + e.getMessage();
        }
        PublicKey key = keys.get(checkpoint.keyId());
        if (key == null) {
            return "checkpoint " + signed.seq() + " names key id " + checkpoint.keyId() + ", which is not trusted";
        }
        if (!signed.verifies(key)) {
            return "checkpoint " + signed.seq() + ": the Ed25519 signature does not verify with the public key of "
                    + checkpoint.keyId();
        }
        return null;
    }

    private static long sizeOf(SignedCheckpoint signed) {
        try {
            return signed.checkpoint().size();
        } catch (IllegalArgumentException e) {
            return 0; // checked (and reported unreadable) first
        }
    }
}
