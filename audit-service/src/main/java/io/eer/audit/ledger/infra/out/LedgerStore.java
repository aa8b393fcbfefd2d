package io.eer.audit.ledger.infra.out;

import io.eer.audit.ledger.projection.LedgerSubjectRow;
import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.ledger.format.StoredEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The ledger tables. Writes run in the caller's Panache transaction (the append); reads each open their own
 * short stateless session, so reading the ledger chunk by chunk never accumulates entities in memory.
 */
@ApplicationScoped
public class LedgerStore {

    /** Inserts per round trip when appending a batch. */
    private static final int STATEMENT_BATCH = 100;

    private final Mutiny.SessionFactory sessions;

    LedgerStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * The head row, locked {@code FOR UPDATE} until the surrounding transaction ends: the one-writer-at-a-time lock
     * that gives a gap-free index and an unforked chain. Call inside the append transaction.
     */
    public Uni<LedgerHeadRow> lockHead() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from ledger_head where id = 1 for update", LedgerHeadRow.class)
                .getResultList())
                .map(rows -> {
                    if (rows.size() != 1) {
                        throw new IllegalStateException("ledger_head row 1 is missing");
                    }
                    return rows.get(0);
                });
    }

    /** Which of these CloudEvent ids are already in the ledger; call with the head locked. */
    public Uni<Set<String>> recordedAmong(Collection<String> eventIds) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select eventId from LedgerEntryRow where eventId in :ids", String.class)
                .setParameter("ids", eventIds)
                .getResultList())
                .map(Set::copyOf);
    }

    /**
     * Inserts {@code entries} (made from {@code received}, in the same order) with their subject rows, sent to the
     * database in statement batches, and moves the locked head past the last one, in the caller's transaction.
     */
    public Uni<Void> append(LedgerHeadRow lockedHead, List<LedgerEntry> entries, List<ReceivedEvent> received) {
        List<Object> rows = new ArrayList<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry entry = entries.get(i);
            ReceivedEvent event = received.get(i);
            rows.add(LedgerEntryRow.of(entry, event.eventId()));
            rows.add(LedgerSubjectRow.of(entry.index(), event.subject(), event.type()));
        }
        lockedHead.moveTo(entries.get(entries.size() - 1).head());
        return Panache.getSession().chain(session -> session.setBatchSize(STATEMENT_BATCH)
                .persistAll(rows.toArray()));
    }

    /** The committed head (size and chain head). */
    public Uni<LedgerHead> head() {
        return sessions.withStatelessSession(session -> session.get(LedgerHeadRow.class, LedgerHeadRow.ID))
                .map(LedgerHeadRow::toDomain);
    }

    /** Up to {@code max} entries with {@code from <= index < toExclusive}, in index order. */
    public Uni<List<StoredEntry>> entries(long from, long toExclusive, int max) {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("from LedgerEntryRow where ledgerIndex >= :from and ledgerIndex < :to "
                        + "order by ledgerIndex", LedgerEntryRow.class)
                .setParameter("from", from)
                .setParameter("to", toExclusive)
                .setMaxResults(max)
                .getResultList())
                .map(rows -> rows.stream().map(LedgerEntryRow::toStored).toList());
    }

    /** Every entry whose CloudEvent subject is {@code subject}, in index order (through {@code ledger_subject}). */
    public Uni<List<StoredEntry>> entriesOf(String subject) {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("from LedgerEntryRow e where e.ledgerIndex in "
                        + "(select s.ledgerIndex from LedgerSubjectRow s where s.subject = :subject) "
                        + "order by e.ledgerIndex", LedgerEntryRow.class)
                .setParameter("subject", subject)
                .getResultList())
                .map(rows -> rows.stream().map(LedgerEntryRow::toStored).toList());
    }
}
