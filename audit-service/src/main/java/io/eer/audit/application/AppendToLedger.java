package io.eer.audit.application;

import io.eer.audit.domain.ledger.LedgerEntry;
import io.eer.audit.domain.ledger.ReceivedEvent;
import io.eer.audit.infra.LedgerStore;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * Appends a received event to the ledger exactly once, in one transaction: lock the head row (one writer at a
 * time), skip the event if its CloudEvent id is already recorded, otherwise insert the entry at index
 * {@code head.size} with its leaf and chain value, the timeline projection row, and the moved head. The
 * transaction is this method's own, so a caller may retry the whole of it.
 */
@ApplicationScoped
public class AppendToLedger {

    private final LedgerStore store;
    private final Clock clock;

    AppendToLedger(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The new entry, or empty when the event was already in the ledger. */
    @WithTransaction
    public Uni<Optional<LedgerEntry>> execute(ReceivedEvent received) {
        return store.lockHead().chain(head -> store.contains(received.eventId()).chain(recorded -> {
            if (recorded) {
                return Uni.createFrom().item(Optional.<LedgerEntry>empty());
            }
            LedgerEntry entry = head.toDomain().append(received, clock.instant());
            return store.append(head, entry, received).replaceWith(Optional.of(entry));
        }));
    }
}
