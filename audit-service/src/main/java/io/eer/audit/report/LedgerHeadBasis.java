package io.eer.audit.report;

import io.eer.audit.application.ReadLedger;
import io.eer.audit.domain.ledger.LedgerHash;
import io.eer.audit.report.domain.ReportBasis;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The committed ledger head (size and chain head), unsigned; replaced by any other {@link ReportBasisSource} bean. */
@ApplicationScoped
@DefaultBean
public class LedgerHeadBasis implements ReportBasisSource {

    private final ReadLedger ledger;

    LedgerHeadBasis(ReadLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Uni<ReportBasis> current() {
        return ledger.head().map(head -> ReportBasis.ofLedgerHead(head.size(), LedgerHash.hex(head.chainHead())));
    }
}
