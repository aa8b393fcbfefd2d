package io.eer.audit.ledger.application;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.support.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several writers at once (as several service instances would be): the head row lock gives each its own index,
 * in one unforked chain, and an event offered twice at the same moment is appended once.
 */
@QuarkusTest
class AppendToLedgerTest {

    private static final String AUDITOR = TestTokens.employee("ava", "auditors");
    private static final String TOPIC = "test-audit.direct-append";

    @Inject
    AppendToLedger appendToLedger;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ReceivedEvent event(String id, long offset) {
        String json = """
                {"specversion":"1.0","id":"%s","source":"/eer/test","type":"io.eer.Probe.v1","subject":"%s",\
                "time":"2026-11-26T10:00:00Z","data":{"n":%d}}""".formatted(id, UUID.randomUUID(), offset);
        return ReceivedEvent.parse(TOPIC, 0, offset, json.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<LedgerEntry> append(ReceivedEvent event) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> appendToLedger.execute(List.of(event))
                    .map(entries -> entries.stream().findFirst()));
        } catch (Exception e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Starts every task at the same moment and returns their results. */
    private <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void concurrentWriters_eachGetTheirOwnIndex_inOneChain() throws Exception {
        List<Callable<Optional<LedgerEntry>>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ReceivedEvent event = event(UUID.randomUUID().toString(), i);
            tasks.add(() -> append(event));
        }
        List<LedgerEntry> entries = atOnce(tasks).stream().map(Optional::orElseThrow)
                .sorted(Comparator.comparingLong(LedgerEntry::index)).toList();

        assertThat(entries.stream().map(LedgerEntry::index).distinct()).hasSize(16);
        for (int i = 1; i < entries.size(); i++) {
            LedgerEntry previous = entries.get(i - 1);
            LedgerEntry entry = entries.get(i);
            if (entry.index() == previous.index() + 1) { // nothing else was appended in between: a direct link
                assertThat(entry.chain()).isEqualTo(LedgerHash.chain(previous.chain(), entry.leaf()));
            }
        }
        given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void sameEventFromTwoWritersAtOnce_isAppendedOnce() throws Exception {
        ReceivedEvent event = event(UUID.randomUUID().toString(), 99);
        List<Callable<Optional<LedgerEntry>>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(() -> append(event));
        }
        List<Optional<LedgerEntry>> results = atOnce(tasks);
        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(append(event)).isEmpty();
    }

    @Test
    void batch_whenSomeEventsAreRecordedOrRepeated_appendsEachNewOneOnce_inBatchOrder() throws Throwable {
        ReceivedEvent recorded = event(UUID.randomUUID().toString(), 20);
        append(recorded);
        ReceivedEvent first = event(UUID.randomUUID().toString(), 21);
        ReceivedEvent second = event(UUID.randomUUID().toString(), 22);
        List<ReceivedEvent> batch = List.of(first, recorded, second, first);

        List<LedgerEntry> entries = VertxContextSupport.subscribeAndAwait(() -> appendToLedger.execute(batch));

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).record().event().get("id").asText()).isEqualTo(first.eventId());
        assertThat(entries.get(1).record().event().get("id").asText()).isEqualTo(second.eventId());
        assertThat(entries.get(1).index()).isEqualTo(entries.get(0).index() + 1);
        // one chain through the batch: the second links to the first
        assertThat(entries.get(1).chain()).isEqualTo(LedgerHash.chain(entries.get(0).chain(), entries.get(1).leaf()));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> appendToLedger.execute(batch))).isEmpty();
        given().auth().oauth2(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void updateThroughTheReactiveSession_isRejected() throws Exception {
        LedgerEntry entry = append(event(UUID.randomUUID().toString(), 7)).orElseThrow();
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Panache.getSession().chain(session -> session
                        .createNativeQuery("update ledger_entry set kafka_offset = 8 where ledger_index = ?1")
                        .setParameter(1, entry.index())
                        .executeUpdate()))))
                // the service's own role has no UPDATE on ledger rows at all (the owner would hit the trigger)
                .hasStackTraceContaining("permission denied for table ledger_entry");
    }
}
