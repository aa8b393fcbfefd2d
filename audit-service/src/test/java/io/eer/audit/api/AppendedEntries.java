package io.eer.audit.api;

import io.eer.audit.ledger.domain.LedgerAppended;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the entries the ledger reports as committed ({@link LedgerAppended}), so a test can wait for its appends
 * without querying the database it is measuring.
 */
@ApplicationScoped
public class AppendedEntries {

    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();

    void onAppended(@Observes LedgerAppended appended) {
        entries.addAndGet(appended.count());
        transactions.incrementAndGet();
    }

    public long entries() {
        return entries.get();
    }

    public long transactions() {
        return transactions.get();
    }
}
