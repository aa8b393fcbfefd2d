package io.eer.audit.insight.application;

import io.eer.audit.insight.application.report.ReportBasis;
import io.eer.audit.ledger.application.CreateCheckpoint;
import io.eer.audit.ledger.application.ReadLedger;
import io.eer.audit.ledger.infra.out.CheckpointStore;
import io.eer.ledger.format.Checkpoint;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.SignedCheckpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A report is computed from a signed checkpoint: the latest one when it covers the whole ledger, otherwise one signed
 * now (as {@code POST /v1/audit/checkpoints} would). The report names its size, chain head and Merkle root, so an
 * auditor checks the checkpoint's signature with the public key and reproduces the report from an export.
 */
@ApplicationScoped
public class SignedCheckpointBasis implements ReportBasisSource {

    private final ReadLedger ledger;
    private final CheckpointStore checkpoints;
    private final CreateCheckpoint createCheckpoint;

    SignedCheckpointBasis(ReadLedger ledger, CheckpointStore checkpoints, CreateCheckpoint createCheckpoint) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.createCheckpoint = createCheckpoint;
    }

    @Override
    public Uni<ReportBasis> current() {
        return ledger.head().chain(head -> checkpoints.latest().chain(latest -> latest
                .filter(row -> row.size == head.size())
                .map(row -> Uni.createFrom().item(row.toSigned()))
                .orElseGet(createCheckpoint::now)))
                .map(SignedCheckpointBasis::basis);
    }

    private static ReportBasis basis(SignedCheckpoint signed) {
        Checkpoint checkpoint = signed.checkpoint();
        return new ReportBasis(checkpoint.size(), LedgerHash.hex(checkpoint.chainHead()),
                LedgerHash.hex(checkpoint.merkleRoot()), ReportBasis.SIGNED_CHECKPOINT, checkpoint.keyId(),
                checkpoint.timestamp());
    }
}
