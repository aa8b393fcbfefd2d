package io.eer.audit.insight.application;

import io.eer.audit.insight.application.report.ReportBasis;
import io.smallrye.mutiny.Uni;

/** Which ledger state a report is computed from: a signed checkpoint ({@link SignedCheckpointBasis}). */
public interface ReportBasisSource {

    Uni<ReportBasis> current();
}
