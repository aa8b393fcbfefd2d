package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.ProducerSequence;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.ledger.format.SequenceGap;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The producer-sequence tables, kept in the append transaction: for the producers of a batch's sequenced events,
 * load (rows locked) what is known, apply the batch in ledger order with {@link ProducerSequence}, and write back
 * only what changed. A batch with no sequenced event costs nothing.
 */
@ApplicationScoped
public class SequenceStore {

    /** Applies {@code appended} (the events just given ledger entries, in index order), in the caller's transaction. */
    public Uni<Void> record(List<ReceivedEvent> appended, Instant recordedAt) {
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
        List<String> producers = List.copyOf(byProducer.keySet());
        // locked: the gap alert check marks gap rows alerted in its own transaction
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from ProducerSequenceRow where producer in :producers",
                        ProducerSequenceRow.class)
                .setParameter("producers", producers).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                .chain(heads -> session.createSelectionQuery("from SequenceGapRow where producer in :producers "
                        + "order by producer, firstMissing", SequenceGapRow.class)
                        .setParameter("producers", producers).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList()
                        .chain(gaps -> {
                            Map<String, ProducerSequenceRow> headOf = new HashMap<>();
                            heads.forEach(head -> headOf.put(head.producer, head));
                            Map<String, List<SequenceGapRow>> gapsOf = new HashMap<>();
                            gaps.forEach(gap -> gapsOf.computeIfAbsent(gap.producer, key -> new ArrayList<>())
                                    .add(gap));
                            List<Object> inserts = new ArrayList<>();
                            List<Object> deletes = new ArrayList<>();
                            byProducer.forEach((producer, sequences) -> apply(producer, sequences, recordedAt,
                                    headOf.get(producer), gapsOf.getOrDefault(producer, List.of()), inserts,
                                    deletes));
                            // the head rows first: the gap rows reference them
                            return session.persistAll(inserts.stream().filter(ProducerSequenceRow.class::isInstance)
                                    .toArray())
                                    .chain(() -> session.flush())
                                    .chain(() -> session.removeAll(deletes.toArray()))
                                    .chain(() -> session.persistAll(inserts.stream()
                                            .filter(SequenceGapRow.class::isInstance).toArray()));
                        })));
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

    /** Applies one producer's numbers; updates managed rows in place, collects rows to insert or delete. */
    private static void apply(String producer, List<Long> sequences, Instant recordedAt, ProducerSequenceRow head,
            List<SequenceGapRow> gapRows, List<Object> inserts, List<Object> deletes) {
        ProducerSequence state = new ProducerSequence(producer, head == null ? 0 : head.highest,
                gapRows.stream().map(SequenceGapRow::toDomain).toList());
        boolean changed = false;
        for (long sequence : sequences) {
            changed |= state.observe(sequence, recordedAt);
        }
        if (!changed) {
            return;
        }
        if (head == null) {
            head = new ProducerSequenceRow();
            head.producer = producer;
            inserts.add(head);
        }
        head.highest = state.highest();
        head.contiguous = state.contiguous();
        // a gap keeps its row while its first number stays (a split's lower part), else old rows go, new ones come
        Map<Long, SequenceGapRow> oldByFirst = new HashMap<>();
        gapRows.forEach(row -> oldByFirst.put(row.firstMissing, row));
        for (SequenceGap gap : state.gaps()) {
            SequenceGapRow kept = oldByFirst.remove(gap.first());
            if (kept != null) {
                kept.lastMissing = gap.last();
            } else {
                inserts.add(SequenceGapRow.of(gap));
            }
        }
        deletes.addAll(oldByFirst.values());
    }
}
