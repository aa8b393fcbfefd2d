package io.eer.support.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How one poll drains: batch after batch while they come full and make progress. */
class DuePollerDrainTest {

    private static final Duration AT_MOST = Duration.ofSeconds(10);

    /** Answers the given batches in turn, then empty ones; counts the calls. */
    private static final class Batches implements Supplier<Uni<DuePoller.Batch>> {
        private final Deque<DuePoller.Batch> next = new ArrayDeque<>();
        private final AtomicInteger calls = new AtomicInteger();

        Batches(DuePoller.Batch... batches) {
            next.addAll(List.of(batches));
        }

        @Override
        public Uni<DuePoller.Batch> get() {
            calls.incrementAndGet();
            DuePoller.Batch batch = next.poll();
            return Uni.createFrom().item(batch == null ? new DuePoller.Batch(List.of(), 0) : batch);
        }
    }

    @Test
    void fullBatchesOfNewRows_areDrainedInOnePoll_untilAShortOne() {
        Batches batches = new Batches(new DuePoller.Batch(List.of("a", "b"), 2),
                new DuePoller.Batch(List.of("c", "d"), 2), new DuePoller.Batch(List.of("e"), 1));

        assertThat(DuePoller.drain(2, batches).await().atMost(AT_MOST)).isEqualTo(5);
        assertThat(batches.calls).hasValue(3);
    }

    @Test
    void aFullBatchOfTheSameRowsAgain_madeNoProgress_andEndsThePoll_insteadOfABusyLoop() {
        // rows a handler left due (held elsewhere): every claim brings the same full batch back
        DuePoller.Batch stuck = new DuePoller.Batch(List.of("a", "b"), 2);
        Batches batches = new Batches(stuck, stuck, stuck, stuck, stuck, stuck, stuck, stuck, stuck, stuck);

        DuePoller.drain(2, batches).await().atMost(AT_MOST);

        // the first claim, and the second that found nothing new; the rest waits for the next interval
        assertThat(batches.calls).hasValue(2);
    }

    @Test
    void aFullBatchWithAnyNewRow_isProgress() {
        Batches batches = new Batches(new DuePoller.Batch(List.of("a", "b"), 2),
                new DuePoller.Batch(List.of("b", "c"), 2), new DuePoller.Batch(List.of(), 0));

        assertThat(DuePoller.drain(2, batches).await().atMost(AT_MOST)).isEqualTo(4);
        assertThat(batches.calls).hasValue(3);
    }

    @Test
    void aBatchNotFullyHandled_endsThePoll() {
        // one row failed on its own: it waits for the next poll instead of being hammered
        Batches batches = new Batches(new DuePoller.Batch(List.of("a", "b"), 1),
                new DuePoller.Batch(List.of("c", "d"), 2));

        assertThat(DuePoller.drain(2, batches).await().atMost(AT_MOST)).isEqualTo(1);
        assertThat(batches.calls).hasValue(1);
    }
}
