package io.eer.audit.insight.infra.in;

import io.eer.audit.insight.application.LedgerSignal;
import io.eer.audit.ledger.domain.LedgerAppended;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Insight's side of the ledger's {@link LedgerAppended} event: wakes the SSE streams (they read the ledger). */
@ApplicationScoped
public class LedgerFollower {

    private final LedgerSignal signal;

    LedgerFollower(LedgerSignal signal) {
        this.signal = signal;
    }

    void onAppended(@Observes LedgerAppended appended) {
        signal.appended();
    }
}
