package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.ProducerSequence;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.ledger.format.SequenceGap;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The producer-sequence tables, kept in the append transaction: for the producers of a batch's sequenced events,
 * load (rows locked) what is known, apply the batch in ledger order with {@link ProducerSequence}, and write back
 * only what changed, in one statement. A batch with no sequenced event costs nothing. The rebuild
 * ({@link #replaceAll}) runs in the caller's Panache transaction.
 */
@ApplicationScoped
public class SequenceStore {

    /** Writes the changed producers' rows: heads upserted, gaps deleted, shortened and inserted, one statement. */
    private static final String WRITE = """
            with head as (
                insert into ledger_producer_sequence (producer, highest, contiguous)
                select * from unnest($1::text[], $2::bigint[], $3::bigint[])
                on conflict (producer) do update set highest = excluded.highest, contiguous = excluded.contiguous),
            gone as (
                delete from sequence_gap where id = any($4::bigint[])),
            kept as (
                update sequence_gap g set last_missing = k.last_missing
                from unnest($5::bigint[], $6::bigint[]) as k (id, last_missing) where g.id = k.id)
            insert into sequence_gap (producer, first_missing, last_missing, open_since, alerted)
            select * from unnest($7::text[], $8::bigint[], $9::bigint[], $10::timestamptz[], $11::boolean[])""";

    /**
     * Applies {@code appended} (the events just given ledger entries, in index order) in the append's transaction:
     * at most three statements (rows read and locked, then written), none for a batch without sequenced events.
     */
    public Uni<Void> record(LedgerAppend append, List<ReceivedEvent> appended, Instant recordedAt) {
        Map<String, List<Long>> byProducer = new LinkedHashMap<>();
        for (ReceivedEvent event : appended) {
            var json = event.event();
            OptionalLong sequence = ProducerSequence.sequenceOf(json);
            if (sequence.isPresent() && json.path("source").isTextual()) {
                byProducer.computeIfAbsent(json.get("source").asText(), key -> new ArrayList<>())
                        .add(sequence.getAsLong());
            }
        }
        if (byProducer.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        SqlConnection connection = append.connection;
        Tuple producers = Tuple.of((Object) byProducer.keySet().toArray(String[]::new));
        // locked: the gap alert check marks gap rows alerted in its own transaction
        return connection.preparedQuery("select producer, highest from ledger_producer_sequence "
                + "where producer = any($1::text[]) for update").execute(producers)
                .chain(heads -> connection.preparedQuery("select id, producer, first_missing, last_missing, "
                        + "open_since, alerted from sequence_gap where producer = any($1::text[]) "
                        + "order by producer, first_missing for update").execute(producers)
                        .chain(gaps -> {
                            Map<String, Long> highestOf = new HashMap<>();
                            heads.forEach(row -> highestOf.put(row.getString(0), row.getLong(1)));
                            Map<String, List<StoredGap>> gapsOf = new HashMap<>();
                            gaps.forEach(row -> gapsOf.computeIfAbsent(row.getString(1), key -> new ArrayList<>())
                                    .add(new StoredGap(row.getLong(0), new SequenceGap(row.getString(1),
                                            row.getLong(2), row.getLong(3),
                                            row.getOffsetDateTime(4).toInstant(), row.getBoolean(5)))));
                            Changes changes = new Changes();
                            byProducer.forEach((producer, sequences) -> changes.apply(producer, sequences,
                                    recordedAt, highestOf.getOrDefault(producer, 0L),
                                    gapsOf.getOrDefault(producer, List.of())));
                            return changes.isEmpty() ? Uni.createFrom().voidItem()
                                    : connection.preparedQuery(WRITE).execute(changes.tuple()).replaceWithVoid();
                        }));
    }

    /** A {@code sequence_gap} row as read. */
    private record StoredGap(long id, SequenceGap gap) {
    }

    /** What the batch changes, collected as the columns of {@link #WRITE}. */
    private static final class Changes {
        final List<String> headProducer = new ArrayList<>();
        final List<Long> headHighest = new ArrayList<>();
        final List<Long> headContiguous = new ArrayList<>();
        final List<Long> deleted = new ArrayList<>();
        final List<Long> keptId = new ArrayList<>();
        final List<Long> keptLast = new ArrayList<>();
        final List<SequenceGap> inserted = new ArrayList<>();

        /** Applies one producer's numbers; a gap keeps its row while its first number stays (a split's lower part). */
        void apply(String producer, List<Long> sequences, Instant recordedAt, long highest, List<StoredGap> stored) {
            ProducerSequence state = new ProducerSequence(producer, highest,
                    stored.stream().map(StoredGap::gap).toList());
            boolean changed = false;
            for (long sequence : sequences) {
                changed |= state.observe(sequence, recordedAt);
            }
            if (!changed) {
                return;
            }
            headProducer.add(producer);
            headHighest.add(state.highest());
            headContiguous.add(state.contiguous());
            Map<Long, StoredGap> oldByFirst = new HashMap<>();
            stored.forEach(row -> oldByFirst.put(row.gap().first(), row));
            for (SequenceGap gap : state.gaps()) {
                StoredGap kept = oldByFirst.remove(gap.first());
                if (kept == null) {
                    inserted.add(gap);
                } else if (kept.gap().last() != gap.last()) {
                    keptId.add(kept.id());
                    keptLast.add(gap.last());
                }
            }
            oldByFirst.values().forEach(row -> deleted.add(row.id()));
        }

        boolean isEmpty() {
            return headProducer.isEmpty();
        }

        Tuple tuple() {
            return Tuple.tuple(List.of(headProducer.toArray(String[]::new), headHighest.toArray(Long[]::new),
                    headContiguous.toArray(Long[]::new), deleted.toArray(Long[]::new), keptId.toArray(Long[]::new),
                    keptLast.toArray(Long[]::new),
                    inserted.stream().map(SequenceGap::producer).toArray(String[]::new),
                    inserted.stream().map(SequenceGap::first).toArray(Long[]::new),
                    inserted.stream().map(SequenceGap::last).toArray(Long[]::new),
                    inserted.stream().map(gap -> gap.openSince().atOffset(ZoneOffset.UTC))
                            .toArray(OffsetDateTime[]::new),
                    inserted.stream().map(SequenceGap::alerted).toArray(Boolean[]::new)));
        }
    }

    /**
     * Replaces both tables with {@code producers} (recomputed from the ledger), in the caller's transaction; a gap
     * that was already alerted keeps the mark, so a rebuild raises no alert twice. Returns the number of gaps.
     */
    public Uni<Integer> replaceAll(List<ProducerSequence> producers) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from SequenceGapRow where alerted", SequenceGapRow.class).getResultList()
                .chain(alerted -> {
                    java.util.Set<String> marked = new java.util.HashSet<>();
                    alerted.forEach(row -> marked.add(row.producer + "#" + row.firstMissing + "-" + row.lastMissing));
                    alerted.forEach(session::detach);
                    List<Object> heads = new ArrayList<>();
                    List<Object> gaps = new ArrayList<>();
                    for (ProducerSequence producer : producers) {
                        ProducerSequenceRow head = new ProducerSequenceRow();
                        head.producer = producer.producer();
                        head.highest = producer.highest();
                        head.contiguous = producer.contiguous();
                        heads.add(head);
                        for (SequenceGap gap : producer.gaps()) {
                            SequenceGapRow row = SequenceGapRow.of(gap);
                            row.alerted = marked.contains(gap.producer() + "#" + gap.first() + "-" + gap.last());
                            gaps.add(row);
                        }
                    }
                    return session.createNativeQuery("delete from sequence_gap").executeUpdate()
                            .chain(() -> session.createNativeQuery("delete from ledger_producer_sequence").executeUpdate())
                            .chain(() -> session.persistAll(heads.toArray()))
                            .chain(() -> session.flush())
                            .chain(() -> session.persistAll(gaps.toArray()))
                            .replaceWith(gaps.size());
                }));
    }
}
