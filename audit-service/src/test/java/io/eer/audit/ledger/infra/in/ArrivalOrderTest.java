package io.eer.audit.ledger.infra.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalOrderTest {

    private record Rec(String name, String partition, long second) {

        Instant timestamp() {
            return Instant.ofEpochSecond(second);
        }
    }

    private static List<String> merged(Rec... poll) {
        return ArrivalOrder.merge(List.of(poll), Rec::partition, Rec::timestamp).stream().map(Rec::name).toList();
    }

    @Test
    void merge_whenAPollIsGroupedByPartition_ordersByTimestampAcrossPartitions() {
        // as a poll hands them over: all of eer.grants-0, then all of eer.approvals-1
        assertThat(merged(new Rec("granted", "grants-0", 12), new Rec("revoked", "grants-0", 40),
                new Rec("approved", "approvals-1", 10), new Rec("reviewed", "approvals-1", 50)))
                .containsExactly("approved", "granted", "revoked", "reviewed");
    }

    @Test
    void merge_whenAPartitionsTimestampsGoBackwards_keepsThePartitionsOrder() {
        assertThat(merged(new Rec("a1", "a", 30), new Rec("a2", "a", 5), new Rec("b1", "b", 10)))
                .containsExactly("b1", "a1", "a2");
    }

    @Test
    void merge_whenTimestampsTie_takesThePartitionThatCameFirst() {
        assertThat(merged(new Rec("x", "p", 7), new Rec("y", "q", 7), new Rec("z", "p", 7)))
                .containsExactly("x", "z", "y");
    }
}
