package io.eer.audit.ledger.application;

import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.audit.ledger.infra.out.SequenceStore;
import io.eer.ledger.format.Completeness;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recomputes the producer-sequence tables from the ledger: with the head locked (appends wait, so nothing is recorded
 * meanwhile), every entry from index 0 is fed to {@link Completeness} and the tables are replaced with the result.
 * The tables are derived data; this is how they are repaired (or filled for a ledger recorded before them).
 */
@ApplicationScoped
public class RebuildSequences {

    private final LedgerStore store;
    private final ReadLedger ledger;
    private final SequenceStore sequences;

    RebuildSequences(LedgerStore store, ReadLedger ledger, SequenceStore sequences) {
        this.store = store;
        this.ledger = ledger;
        this.sequences = sequences;
    }

    /** Entries read, producers and open gaps after the rebuild. */
    public record Rebuilt(long entries, int producers, int gaps) {
    }

    @WithTransaction
    public Uni<Rebuilt> execute() {
        return store.lockHead().chain(head -> {
            Completeness completeness = new Completeness();
            return ledger.entries(0, head.size)
                    .invoke(entry -> entry.event().ifPresent(event -> completeness.observe(event,
                            entry.recordedAt())))
                    .collect().with(java.util.stream.Collectors.counting())
                    .chain(count -> sequences.replaceAll(completeness.producers())
                            .map(gaps -> new Rebuilt(count, completeness.producers().size(), gaps)));
        });
    }
}
