package io.eer.audit.ledger.application;

import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.audit.ledger.infra.out.SequenceStore;
import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends received events to the ledger exactly once, a batch per transaction: lock the head row (one writer at a
 * time), drop the events whose CloudEvent id is already recorded (or came earlier in the same batch), insert the
 * rest at {@code head.size, head.size + 1, ...} with their leaves, chain values and timeline rows, and move the
 * head past them, and update each producer's recorded {@code sequence} (completeness). The transaction is the
 * method's own, so a caller may retry the whole of it. Whatever the batch size it costs a fixed handful of
 * statements (lock, which ids are recorded, one insert of everything; two reads and one write for sequences).
 */
@ApplicationScoped
public class AppendToLedger {

    private final LedgerStore store;
    private final SequenceStore sequences;
    private final Clock clock;

    AppendToLedger(LedgerStore store, SequenceStore sequences, Clock clock) {
        this.store = store;
        this.sequences = sequences;
        this.clock = clock;
    }

    /** The new entries in index order; events already in the ledger have none. */
    public Uni<List<LedgerEntry>> execute(List<ReceivedEvent> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(received -> ids.add(received.eventId()));
        return store.append(append -> append.lockHead().chain(head -> append.recordedAmong(ids).chain(recorded -> {
            List<ReceivedEvent> fresh = unrecorded(batch, recorded);
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(List.<LedgerEntry>of());
            }
            Instant recordedAt = clock.instant();
            List<LedgerEntry> entries = entriesAfter(head, fresh, recordedAt);
            // completeness moves in the same transaction as the entries: the table never disagrees with the ledger
            return append.insert(entries, fresh)
                    .chain(() -> sequences.record(append, fresh, entries.get(0).record().recordedAt()))
                    .replaceWith(entries);
        })));
    }

    private static List<ReceivedEvent> unrecorded(List<ReceivedEvent> batch, Set<String> recorded) {
        Set<String> seen = new HashSet<>(recorded);
        return batch.stream().filter(received -> seen.add(received.eventId())).toList();
    }

    private static List<LedgerEntry> entriesAfter(LedgerHead head, List<ReceivedEvent> fresh, Instant recordedAt) {
        List<LedgerEntry> entries = new ArrayList<>(fresh.size());
        for (ReceivedEvent received : fresh) {
            LedgerEntry entry = head.append(received, recordedAt);
            entries.add(entry);
            head = entry.head();
        }
        return entries;
    }
}
