package io.eer.audit.report;

import io.eer.audit.report.domain.ReportBasis;
import io.smallrye.mutiny.Uni;

/**
 * Which ledger state a report is computed from. Today: the committed ledger head at the moment of computing
 * ({@link LedgerHeadBasis}). Once signed checkpoints exist, a bean that returns the latest signed checkpoint
 * (size, chain head, Merkle root, key id, timestamp) replaces it; the report then names that checkpoint.
 */
public interface ReportBasisSource {

    Uni<ReportBasis> current();
}
