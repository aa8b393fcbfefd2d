package io.eer.audit.ledger.application;

import io.eer.audit.ledger.config.AuditSettings;
import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.StoredEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the ledger in index order as a stream, one database query of {@code eer.audit.chunk-size} rows at a time,
 * the next query issued only when the previous chunk has been consumed: the whole ledger is never in memory.
 */
@ApplicationScoped
public class ReadLedger {

    private final LedgerStore store;
    private final int chunkSize;

    ReadLedger(LedgerStore store, AuditSettings settings) {
        this.store = store;
        this.chunkSize = settings.chunkSize();
    }

    public Uni<LedgerHead> head() {
        return store.head();
    }

    /** The entries with {@code from <= index < toExclusive}, in index order (gaps, if any, are skipped over). */
    public Multi<StoredEntry> entries(long from, long toExclusive) {
        return Multi.createBy().repeating()
                .uni(() -> new AtomicLong(from), next -> next.get() >= toExclusive
                        ? Uni.createFrom().item(List.<StoredEntry>of())
                        : store.entries(next.get(), toExclusive, chunkSize).invoke(chunk -> {
                            if (!chunk.isEmpty()) {
                                next.set(chunk.get(chunk.size() - 1).index() + 1);
                            }
                        }))
                .until(List::isEmpty)
                .onItem().disjoint();
    }
}
