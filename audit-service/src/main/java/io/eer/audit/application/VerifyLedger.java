package io.eer.audit.application;

import io.eer.audit.domain.ledger.ChainVerifier;
import io.eer.audit.domain.ledger.Verification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recomputes the whole ledger from index 0 up to the committed head: every leaf from the stored received bytes and
 * metadata, every chain value from the previous one, chunk by chunk, stopping at the first entry that does not
 * check out. Entries appended while it runs (beyond the head read at the start) are left for the next run.
 */
@ApplicationScoped
public class VerifyLedger {

    private final ReadLedger ledger;

    VerifyLedger(ReadLedger ledger) {
        this.ledger = ledger;
    }

    public Uni<Verification> execute() {
        return ledger.head().chain(head -> {
            ChainVerifier verifier = new ChainVerifier();
            return ledger.entries(0, head.size())
                    .select().where(entry -> !verifier.accept(entry))
                    .toUni()
                    .map(firstBad -> verifier.finish(head));
        });
    }
}
