package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.SignedCheckpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads of {@code ledger_checkpoint} and of the ledger's leaf column, each in its own short stateless session. */
@ApplicationScoped
public class CheckpointStore {

    /** Leaves per query: 32 bytes each, so a large chunk is cheap. */
    public static final int LEAF_CHUNK = 10_000;

    private final Mutiny.SessionFactory sessions;

    CheckpointStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The ledger's size as last committed, read without the head's lock. */
    public Uni<Long> committedSize() {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("select h.size from LedgerHeadRow h where h.id = :id", Long.class)
                .setParameter("id", LedgerHeadRow.ID)
                .getSingleResult());
    }

    /** The newest checkpoint (highest seq). */
    public Uni<Optional<CheckpointRow>> latest() {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("from CheckpointRow order by seq desc", CheckpointRow.class)
                .setMaxResults(1)
                .getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    /** Up to {@code max} checkpoints with {@code seq >= fromSeq}, in seq order. */
    public Uni<List<SignedCheckpoint>> list(long fromSeq, int max) {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("from CheckpointRow where seq >= :from order by seq", CheckpointRow.class)
                .setParameter("from", fromSeq)
                .setMaxResults(max)
                .getResultList())
                .map(rows -> rows.stream().map(CheckpointRow::toSigned).toList());
    }

    /** Every checkpoint with {@code size <= maxSize}, in seq order (the export and the verification read them all). */
    public Uni<List<SignedCheckpoint>> upToSize(long maxSize) {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("from CheckpointRow where size <= :max order by seq", CheckpointRow.class)
                .setParameter("max", maxSize)
                .getResultList())
                .map(rows -> rows.stream().map(CheckpointRow::toSigned).toList());
    }

    /**
     * The stored leaves of entries {@code [from, to)}, in index order, read {@link #LEAF_CHUNK} at a time. Fails when
     * an index is missing: nothing is signed or proven over a ledger with a gap.
     */
    public Uni<List<byte[]>> leaves(long from, long to) {
        List<byte[]> leaves = new ArrayList<>();
        return readLeaves(from, to, leaves).replaceWith(leaves);
    }

    private Uni<Void> readLeaves(long from, long to, List<byte[]> into) {
        if (from >= to) {
            return Uni.createFrom().voidItem();
        }
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("select e.ledgerIndex, e.leaf from LedgerEntryRow e where e.ledgerIndex >= :from "
                        + "and e.ledgerIndex < :to order by e.ledgerIndex", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults(LEAF_CHUNK)
                .getResultList())
                .chain(rows -> {
                    long expected = from;
                    for (Object[] row : rows) {
                        if (((Number) row[0]).longValue() != expected) {
                            return Uni.createFrom().failure(new IllegalStateException(
                                    "the ledger has no entry at index " + expected + "; run GET /v1/audit/verify"));
                        }
                        into.add((byte[]) row[1]);
                        expected++;
                    }
                    if (rows.isEmpty()) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "the ledger has no entry at index " + from + "; run GET /v1/audit/verify"));
                    }
                    return readLeaves(expected, to, into);
                });
    }
}
