package io.eer.audit.report;

import io.eer.audit.report.domain.ReportBasis;
import io.smallrye.mutiny.Uni;

/** Which ledger state a report is computed from: a signed checkpoint ({@link SignedCheckpointBasis}). */
public interface ReportBasisSource {

    Uni<ReportBasis> current();
}
