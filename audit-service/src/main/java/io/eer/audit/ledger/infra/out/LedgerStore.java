package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.StoredEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The ledger tables. The append runs in a transaction of its own on the reactive pool ({@link #append}, statements
 * in {@link LedgerAppend}); {@link #lockHead()} serves the other writers (checkpoints, sequence rebuild) in the
 * caller's Panache transaction; reads each open their own short stateless session, so reading the ledger chunk by
 * chunk never accumulates entities in memory.
 */
@ApplicationScoped
public class LedgerStore {

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;

    LedgerStore(Mutiny.SessionFactory sessions, Pool pool) {
        this.sessions = sessions;
        this.pool = pool;
    }

    /**
     * Runs {@code work} in one transaction of its own (committed when its {@code Uni} succeeds, rolled back when it
     * fails), so a caller may retry the whole of it.
     */
    public <T> Uni<T> append(Function<LedgerAppend, Uni<T>> work) {
        return pool.withTransaction(connection -> work.apply(new LedgerAppend(connection)));
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
