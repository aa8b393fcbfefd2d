package io.eer.audit.ledger.infra.in;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order in which one poll's records enter the ledger. Kafka hands a poll over partition by partition, so an
 * AccessGranted on {@code eer.grants} could come before the Approved on {@code eer.approvals} it follows. This
 * merges the partitions by record timestamp (when the producer sent it) while keeping each partition's own order,
 * even where its timestamps are not monotonic; a tie goes to the partition the poll listed first.
 */
final class ArrivalOrder {

    private ArrivalOrder() {
    }

    static <T> List<T> merge(List<T> poll, Function<T, Object> partition, Function<T, Instant> timestamp) {
        Map<Object, Deque<T>> partitions = new LinkedHashMap<>();
        for (T item : poll) {
            partitions.computeIfAbsent(partition.apply(item), key -> new ArrayDeque<>()).add(item);
        }
        List<T> merged = new ArrayList<>(poll.size());
        while (merged.size() < poll.size()) {
            Deque<T> earliest = null;
            for (Deque<T> queue : partitions.values()) {
                if (!queue.isEmpty() && (earliest == null
                        || timestamp.apply(queue.peek()).isBefore(timestamp.apply(earliest.peek())))) {
                    earliest = queue;
                }
            }
            merged.add(earliest.poll());
        }
        return merged;
    }
}
