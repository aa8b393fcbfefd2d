package io.eer.audit.ledger.application;

import io.eer.audit.ledger.application.verify.LedgerVerifier;
import io.eer.audit.ledger.application.verify.Verification;
import io.eer.audit.ledger.infra.out.CheckpointStore;
import io.eer.ledger.format.Completeness;
import io.eer.ledger.format.SequenceGap;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Recomputes the whole ledger from index 0 up to the committed head: every leaf from the stored received bytes and
 * metadata, every chain value from the previous one, the RFC 6962 Merkle root at every signed checkpoint's size and
 * each checkpoint's Ed25519 signature, chunk by chunk, stopping at the first thing that does not check out. The
 * checkpoints are read before the head, so none of them can legitimately be larger than it; entries appended while
 * it runs (beyond the head read at the start) are left for the next run. On the same pass it recomputes every
 * producer's {@code sequence} from the entries ({@link Completeness}), so the gaps it reports come from the ledger
 * itself, not from the table the append keeps.
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

    /** The chain's verdict and the sequence gaps open in the entries that verified. */
    public record Result(Verification verification, List<SequenceGap> gaps) {
    }

    public Uni<Result> execute() {
        return checkpoints.upToSize(Long.MAX_VALUE).chain(signed -> ledger.head().chain(head -> {
            LedgerVerifier verifier = new LedgerVerifier(signed, keys.trusted());
            Completeness completeness = new Completeness();
            return ledger.entries(0, head.size())
                    .select().where(entry -> {
                        if (!verifier.accept(entry)) {
                            return true;
                        }
                        entry.event().ifPresent(event -> completeness.observe(event, entry.recordedAt()));
                        return false;
                    })
                    .toUni()
                    .map(firstBad -> new Result(verifier.finish(head), completeness.gaps()));
        }));
    }
}
