package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.SignedCheckpoint;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads of {@code ledger_checkpoint} and of the ledger's leaf column, each in its own short stateless session. */
@ApplicationScoped
public class CheckpointStore {

    /** Leaves per query when reading many: 32 bytes each, so a large chunk is cheap. */
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
     * Gives the stored leaves of entries {@code [from, to)} to {@code sink} in index order, read {@code chunk} at a
     * time, each chunk in its own short session and let go before the next is read: a loop, not a recursion, so a
     * read over millions of leaves holds one chunk. Fails when an index is missing: nothing is signed or proven over
     * a ledger with a gap.
     */
    public Uni<Void> forEachLeaf(long from, long to, int chunk, Consumer<byte[]> sink) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive");
        }
        if (from >= to) {
            return Uni.createFrom().voidItem();
        }
        long[] next = {from};
        return Multi.createBy().repeating()
                .uni(() -> leaves(next[0], Math.min(to, next[0] + chunk)).invoke(leaves -> {
                    leaves.forEach(sink);
                    next[0] += leaves.size();
                }))
                .whilst(leaves -> next[0] < to)
                .collect().last()
                .replaceWithVoid();
    }

    /** The leaves of entries {@code [from, to)}, one query; fails at the first missing index. */
    private Uni<List<byte[]>> leaves(long from, long to) {
        return sessions.withStatelessSession(session -> session
                .createSelectionQuery("select e.ledgerIndex, e.leaf from LedgerEntryRow e where e.ledgerIndex >= :from "
                        + "and e.ledgerIndex < :to order by e.ledgerIndex", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults((int) (to - from))
                .getResultList())
                .chain(rows -> {
                    List<byte[]> leaves = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        if (((Number) row[0]).longValue() != from + leaves.size()) {
                            break;
                        }
                        leaves.add((byte[]) row[1]);
                    }
                    if (leaves.size() < to - from) {
                        return Uni.createFrom().failure(new IllegalStateException("the ledger has no entry at index "
                                + (from + leaves.size()) + "; run GET /v1/audit/verify"));
                    }
                    return Uni.createFrom().item(leaves);
                });
    }
}
