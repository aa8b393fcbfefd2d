package io.eer.audit.insight.application;

import io.eer.audit.insight.application.report.LedgerEvent;
import io.eer.audit.insight.application.report.Report;
import io.eer.audit.insight.application.report.ReportBuilder;
import io.eer.audit.insight.application.report.ReportRequest;
import io.eer.audit.ledger.application.ReadLedger;
import io.eer.audit.ledger.application.Refused;
import io.eer.audit.ledger.application.verify.ChainVerifier;
import io.eer.audit.ledger.application.verify.Verification;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.StoredEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Computes a report from the ledger: takes the basis (entries {@code [0, size)}), streams exactly those entries
 * chunk by chunk, verifies each one (leaf and chain recomputed, as {@code GET /v1/audit/verify} does) and feeds it to
 * the pure {@link ReportBuilder}. A ledger that does not verify gets no report.
 */
@ApplicationScoped
public class BuildReport {

    private final ReadLedger ledger;
    private final ReportBasisSource basisSource;

    BuildReport(ReadLedger ledger, ReportBasisSource basisSource) {
        this.ledger = ledger;
        this.basisSource = basisSource;
    }

    public Uni<Report> execute(ReportRequest request) {
        return basisSource.current().chain(basis -> {
            ReportBuilder builder = new ReportBuilder(request);
            ChainVerifier verifier = new ChainVerifier();
            return ledger.entries(0, basis.size())
                    .invoke(entry -> {
                        if (verifier.accept(entry)) {
                            builder.accept(event(entry));
                        }
                    })
                    .onItem().ignoreAsUni()
                    .map(done -> {
                        Verification verification = verifier.finish(
                                new LedgerHead(basis.size(), LedgerHash.fromHex(basis.chainHead())));
                        if (!verification.ok()) {
                            throw Refused.conflict("ledger", "verified", "the ledger does not verify at "
                                    + "index " + verification.firstBadIndex() + " (" + verification.reason().text()
                                    + "); no report is computed from it: see GET /v1/audit/verify");
                        }
                        return builder.finish(basis);
                    });
        });
    }

    private static LedgerEvent event(StoredEntry entry) {
        return new LedgerEvent(entry.index(), entry.recordedAt(), LedgerHash.hex(entry.chain()),
                entry.event().orElse(null));
    }
}
