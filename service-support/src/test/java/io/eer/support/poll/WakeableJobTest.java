package io.eer.support.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One runner per job; wake-ups during a round coalesce into one more round. */
class WakeableJobTest {

    private static final Duration AT_MOST = Duration.ofSeconds(10);

    private static Vertx vertx;
    private final AtomicInteger rounds = new AtomicInteger();
    /** Each round started waits here until the test answers it (whether to go again at once). */
    private final BlockingQueue<CompletableFuture<Boolean>> started = new LinkedBlockingQueue<>();
    private final WakeableJob job = new WakeableJob("test-job", vertx, () -> {
        rounds.incrementAndGet();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        started.add(answer);
        return Uni.createFrom().completionStage(answer);
    });

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    private CompletableFuture<Boolean> nextRound() throws InterruptedException {
        CompletableFuture<Boolean> round = started.poll(AT_MOST.toSeconds(), TimeUnit.SECONDS);
        assertThat(round).as("a round started").isNotNull();
        return round;
    }

    @Test
    void wakeUpsDuringARound_makeExactlyOneMoreRound() throws Exception {
        CompletableFuture<Void> first = job.run().subscribeAsCompletionStage().toCompletableFuture();
        CompletableFuture<Boolean> round1 = nextRound();
        assertThat(job.running()).isTrue();

        for (int i = 0; i < 5; i++) {
            job.run().await().atMost(AT_MOST); // returns at once: the runner is busy
        }
        assertThat(rounds).hasValue(1);
        round1.complete(false);
        nextRound().complete(false);

        first.get(AT_MOST.toSeconds(), TimeUnit.SECONDS);
        assertThat(rounds).as("five wake-ups, one more round").hasValue(2);
        assertThat(job.running()).isFalse();
    }

    @Test
    void aRoundAskingForMore_isFollowedAtOnce_untilItSaysNo() throws Exception {
        CompletableFuture<Void> run = job.run().subscribeAsCompletionStage().toCompletableFuture();
        nextRound().complete(true);
        nextRound().complete(true);
        nextRound().complete(false);

        run.get(AT_MOST.toSeconds(), TimeUnit.SECONDS);
        assertThat(rounds).hasValue(3);
    }

    @Test
    void aFailedRound_doesNotJamTheJob() throws Exception {
        CompletableFuture<Void> run = job.run().subscribeAsCompletionStage().toCompletableFuture();
        nextRound().completeExceptionally(new IllegalStateException("database gone"));
        run.get(AT_MOST.toSeconds(), TimeUnit.SECONDS); // the failure is logged, not passed on

        CompletableFuture<Void> again = job.run().subscribeAsCompletionStage().toCompletableFuture();
        nextRound().complete(false);
        again.get(AT_MOST.toSeconds(), TimeUnit.SECONDS);
        assertThat(rounds).hasValue(2);
    }
}
