package io.eer.audit.infra;

import io.eer.audit.domain.ledger.LedgerEntry;
import io.eer.audit.domain.ledger.LedgerHead;
import io.eer.audit.domain.ledger.ReceivedEvent;
import io.eer.audit.domain.ledger.StoredEntry;
import io.eer.audit.projection.LedgerSubjectRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The ledger tables. Writes run in the caller's Panache transaction (the append); reads each open their own
 * short stateless session, so reading the ledger chunk by chunk never accumulates entities in memory.
 */
@ApplicationScoped
public class LedgerStore {

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

    /** Whether an event with this CloudEvent id is in the ledger; call with the head locked. */
    public Uni<Boolean> contains(String eventId) {
        return LedgerEntryRow.count("eventId", eventId).map(count -> count > 0);
    }

    /** Inserts {@code entry} and its subject row and moves the locked head past it, in the caller's transaction. */
    public Uni<Void> append(LedgerHeadRow lockedHead, LedgerEntry entry, ReceivedEvent received) {
        LedgerEntryRow row = LedgerEntryRow.of(entry, received.eventId());
        LedgerSubjectRow subject = LedgerSubjectRow.of(entry.index(), received.subject(), received.type());
        lockedHead.moveTo(entry.head());
        return row.persist().chain(subject::persist).replaceWithVoid();
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
