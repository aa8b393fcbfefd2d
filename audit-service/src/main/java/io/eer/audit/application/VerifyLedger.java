package io.eer.audit.application;

import io.eer.audit.checkpoint.CheckpointKeys;
import io.eer.audit.checkpoint.CheckpointStore;
import io.eer.audit.domain.ledger.LedgerVerifier;
import io.eer.audit.domain.ledger.Verification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recomputes the whole ledger from index 0 up to the committed head: every leaf from the stored received bytes and
 * metadata, every chain value from the previous one, the RFC 6962 Merkle root at every signed checkpoint's size and
 * each checkpoint's Ed25519 signature, chunk by chunk, stopping at the first thing that does not check out. The
 * checkpoints are read before the head, so none of them can legitimately be larger than it; entries appended while
 * it runs (beyond the head read at the start) are left for the next run.
 */
@ApplicationScoped
public class VerifyLedger {

    private final ReadLedger ledger;
    private final CheckpointStore checkpoints;
    private final CheckpointKeys keys;

    VerifyLedger(ReadLedger ledger, CheckpointStore checkpoints, CheckpointKeys keys) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.keys = keys;
    }

    public Uni<Verification> execute() {
        return checkpoints.upToSize(Long.MAX_VALUE).chain(signed -> ledger.head().chain(head -> {
            LedgerVerifier verifier = new LedgerVerifier(signed, keys.trusted());
            return ledger.entries(0, head.size())
                    .select().where(entry -> !verifier.accept(entry))
                    .toUni()
                    .map(firstBad -> verifier.finish(head));
        }));
    }
}
