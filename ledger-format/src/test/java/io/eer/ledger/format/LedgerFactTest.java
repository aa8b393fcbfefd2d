package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one tolerant reader of ledger records: it reads what is there and never fails on what is not. */
class LedgerFactTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void knownEvent_isReadWithItsKindAndFields() throws Exception {
        LedgerFact fact = LedgerFact.of(4, AT, JSON.readTree("""
                {"specversion":"1.0","id":"e-1","source":"/eer/approval-service","type":"io.eer.Approved.v1",
                 "subject":"r-1","time":"2026-01-01T00:00:00Z","sequence":"7",
                 "data":{"requestId":"r-1","requester":"carol","grantedDuration":"PT30M"}}"""), "eer.approvals");

        assertThat(fact.kind()).isEqualTo(EventKind.APPROVED);
        assertThat(fact.is(EventKind.APPROVED)).isTrue();
        assertThat(fact.is(LedgerFact.APPROVED)).isTrue();
        assertThat(fact.index()).isEqualTo(4);
        assertThat(fact.topic()).isEqualTo("eer.approvals");
        assertThat(fact.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(fact.requestId()).isEqualTo("r-1");
        assertThat(fact.text("requester")).isEqualTo("carol");
        assertThat(fact.shortType()).isEqualTo("Approved");
    }

    @Test
    void unknownTypeAndMissingOrWrongMembers_areReadAsEmpty_notAsAFailure() throws Exception {
        LedgerFact fact = LedgerFact.of(0, AT, JSON.readTree("""
                {"id":"e-2","type":"io.eer.FromTheFuture.v3","subject":"r-9","time":"yesterday",
                 "data":{"requester":{"id":5},"n":[1]}}"""), null);

        assertThat(fact.kind()).isEqualTo(EventKind.OTHER);
        assertThat(fact.time()).isNull();
        assertThat(fact.source()).isEmpty();
        assertThat(fact.text("n")).isNull();
        assertThat(fact.text("missing", "field")).isNull();
        assertThat(fact.requestId()).as("no data.requestId: the subject").isEqualTo("r-9");
        assertThat(fact.shortType()).isEqualTo("FromTheFuture");

        LedgerFact noData = LedgerFact.of(1, AT, JSON.readTree("{\"type\":\"io.eer.Denied.v1\"}"), null);
        assertThat(noData.kind()).isEqualTo(EventKind.DENIED);
        assertThat(noData.data().isMissingNode()).isTrue();
        assertThat(noData.requestId()).isEmpty();
    }

    @Test
    void storedEntry_isReadFromItsReceivedBytes_elseFromItsRecord_elseNotAtAll() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"e-3\",\"source\":\"/eer/grant-service\","
                + "\"type\":\"io.eer.AccessGranted.v1\",\"subject\":\"r-3\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"data\":{\"grantId\":\"g-1\"}}";
        StoredEntry fromBytes = new StoredEntry(2, AT, "eer.grants", 0, 5, event.getBytes(StandardCharsets.UTF_8),
                null, new byte[32], new byte[32]);
        assertThat(LedgerFact.of(fromBytes)).get().satisfies(fact -> {
            assertThat(fact.kind()).isEqualTo(EventKind.ACCESS_GRANTED);
            assertThat(fact.text("grantId")).isEqualTo("g-1");
            assertThat(fact.topic()).isEqualTo("eer.grants");
        });

        StoredEntry damagedBytes = new StoredEntry(2, AT, "eer.grants", 0, 5, "not json".getBytes(
                StandardCharsets.UTF_8), "{\"event\":" + event + "}", new byte[32], new byte[32]);
        assertThat(LedgerFact.of(damagedBytes)).get().extracting(LedgerFact::id).isEqualTo("e-3");

        StoredEntry unreadable = new StoredEntry(2, AT, "eer.grants", 0, 5, "not json".getBytes(
                StandardCharsets.UTF_8), "nor this", new byte[32], new byte[32]);
        assertThat(LedgerFact.of(unreadable)).isEmpty();
    }
}
