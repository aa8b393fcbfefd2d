package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.LedgerFact;
import io.eer.ledger.format.StoredEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reads ledger entries by CloudEvent type (through the {@code ledger_subject} index), for the as-of queries. Each
 * call opens its own short stateless session and returns at most one chunk.
 */
@ApplicationScoped
public class LedgerQueries {

    private final Mutiny.SessionFactory sessions;

    LedgerQueries(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Up to {@code max} entries of the given types with {@code from <= index < toExclusive}, in index order. */
    public Uni<List<StoredEntry>> ofTypes(List<String> types, long from, long toExclusive, int max) {
        StringBuilder placeholders = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            placeholders.append(i == 0 ? "" : ", ").append('?').append(i + 4);
        }
        return sessions.withStatelessSession(session -> {
            var query = session.createNativeQuery("""
                    select e.* from ledger_entry e join ledger_subject s on s.ledger_index = e.ledger_index
                    where s.type in (%s) and s.ledger_index >= ?1 and s.ledger_index < ?2
                    order by s.ledger_index limit ?3""".formatted(placeholders), LedgerEntryRow.class)
                    .setParameter(1, from)
                    .setParameter(2, toExclusive)
                    .setParameter(3, max);
            for (int i = 0; i < types.size(); i++) {
                query.setParameter(i + 4, types.get(i));
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(LedgerEntryRow::toStored).toList());
    }

    /** The {@code AccessGranted} entry of {@code grantId}, if the ledger has one. */
    public Uni<Optional<StoredEntry>> granted(String grantId) {
        return sessions.withStatelessSession(session -> session.createNativeQuery("""
                select e.* from ledger_entry e join ledger_subject s on s.ledger_index = e.ledger_index
                where s.type = ?1 and (e.record_json::jsonb #>> '{event,data,grantId}') = ?2
                order by e.ledger_index limit 1""", LedgerEntryRow.class)
                .setParameter(1, LedgerFact.ACCESS_GRANTED)
                .setParameter(2, grantId)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(LedgerEntryRow::toStored));
    }

    /** The system of a request, from the first of its entries that names one, or empty. */
    public Uni<Optional<String>> systemOf(String requestId) {
        return sessions.withStatelessSession(session -> session.createNativeQuery("""
                select e.record_json::jsonb #>> '{event,data,system}' from ledger_entry e
                join ledger_subject s on s.ledger_index = e.ledger_index
                where s.subject = ?1 and (e.record_json::jsonb #>> '{event,data,system}') is not null
                order by e.ledger_index limit 1""", String.class)
                .setParameter(1, requestId)
                .getResultList())
                .map(rows -> rows.stream().findFirst());
    }
}
