package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.contracts.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known vectors: the canonical records below were written by hand, and the hashes were computed outside Java
 * (Python hashlib: sha256(b'\x00' + record), sha256(b'\x02' + previous + leaf), previous of the first = 32 zero
 * bytes), so they pin the format, not just this implementation.
 */
class LedgerChainTest {

    // As a producer might send it: members in any order, whitespace, 2.0-style numbers.
    static final String RECEIVED_0 = """
            { "specversion": "1.0", "id": "e-1", "source": "/eer/request-service", "type": "io.eer.Test.v1",
              "subject": "r-1", "time": "2026-01-01T00:00:00Z", "data": { "b": 2, "a": "x" } }""";
    static final String RECEIVED_1 = "{\"type\":\"io.eer.Approved.v1\",\"specversion\":\"1.0\",\"id\":\"e-2\","
            + "\"source\":\"/eer/approval-service\",\"subject\":\"r-1\",\"time\":\"2026-01-01T00:00:01Z\","
            + "\"data\":{\"s\":\"\u00e9\",\"n\":1.50}}";

    static final String RECORD_0 = "{\"event\":{\"data\":{\"a\":\"x\",\"b\":2},\"id\":\"e-1\","
            + "\"source\":\"/eer/request-service\",\"specversion\":\"1.0\",\"subject\":\"r-1\","
            + "\"time\":\"2026-01-01T00:00:00Z\",\"type\":\"io.eer.Test.v1\"},\"index\":0,\"offset\":7,"
            + "\"partition\":1,\"recordedAt\":\"2026-01-02T03:04:05.123456Z\",\"topic\":\"eer.requests\"}";
    static final String RECORD_1 = "{\"event\":{\"data\":{\"n\":1.5,\"s\":\"\u00e9\"},\"id\":\"e-2\","
            + "\"source\":\"/eer/approval-service\",\"specversion\":\"1.0\",\"subject\":\"r-1\","
            + "\"time\":\"2026-01-01T00:00:01Z\",\"type\":\"io.eer.Approved.v1\"},\"index\":1,\"offset\":0,"
            + "\"partition\":0,\"recordedAt\":\"2026-01-02T03:04:06.000000Z\",\"topic\":\"eer.approvals\"}";

    static final String LEAF_0 = "10ae4c62f10858242caf9eaaf2915aa0dec1d9bb67444f31f3ef98f95c073770";
    static final String CHAIN_0 = "a2398ea80939978747faf741c52780a6a5574a86816e22580f9b8337ae1a1efa";
    static final String LEAF_1 = "9104a31d23c7a1b989eb6a67675dd1f50eccf8c7f8f1f16e002450dda0858a55";
    static final String CHAIN_1 = "a22a6c571821fef832c3ba586e823ed3e75f366ca84b00d2318e321b7a489039";

    static ReceivedEvent received(String topic, int partition, long offset, String json) {
        return ReceivedEvent.parse(topic, partition, offset, json.getBytes(StandardCharsets.UTF_8));
    }

    static LedgerEntry[] twoEntries() {
        LedgerEntry first = LedgerHead.empty().append(received("eer.requests", 1, 7, RECEIVED_0),
                Instant.parse("2026-01-02T03:04:05.123456789Z"));
        LedgerEntry second = first.head().append(received("eer.approvals", 0, 0, RECEIVED_1),
                Instant.parse("2026-01-02T03:04:06Z"));
        return new LedgerEntry[] {first, second};
    }

    @Test
    void append_twoEntries_matchesHandComputedVectors() {
        LedgerEntry[] entries = twoEntries();

        assertThat(entries[0].index()).isZero();
        assertThat(entries[0].record().canonicalString()).isEqualTo(RECORD_0);
        assertThat(LedgerHash.hex(entries[0].leaf())).isEqualTo(LEAF_0);
        assertThat(LedgerHash.hex(entries[0].chain())).isEqualTo(CHAIN_0);

        assertThat(entries[1].index()).isEqualTo(1);
        assertThat(entries[1].record().canonicalString()).isEqualTo(RECORD_1);
        assertThat(LedgerHash.hex(entries[1].leaf())).isEqualTo(LEAF_1);
        assertThat(LedgerHash.hex(entries[1].chain())).isEqualTo(CHAIN_1);

        assertThat(entries[1].head()).isEqualTo(new LedgerHead(2, LedgerHash.fromHex(CHAIN_1)));
    }

    @Test
    void append_keepsReceivedBytesExactly() {
        LedgerEntry first = twoEntries()[0];
        assertThat(new String(first.received(), StandardCharsets.UTF_8)).isEqualTo(RECEIVED_0);
    }

    @Test
    void hashes_useTheirDomainPrefixes() {
        byte[] record = RECORD_0.getBytes(StandardCharsets.UTF_8);
        assertThat(LedgerHash.hex(LedgerHash.leaf(record))).isEqualTo(LEAF_0);
        assertThat(LedgerHash.hex(LedgerHash.chain(LedgerHash.genesis(), LedgerHash.fromHex(LEAF_0))))
                .isEqualTo(CHAIN_0);
        assertThat(LedgerHash.genesis()).hasSize(32).containsOnly(0);
        assertThatThrownBy(() -> LedgerHash.chain(new byte[31], LedgerHash.fromHex(LEAF_0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordedAt_isWrittenWithSixFractionDigitsInUtc() {
        assertThat(LedgerRecord.formatTime(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(LedgerRecord.formatTime(Instant.parse("2026-01-02T03:04:05.1234567Z")))
                .isEqualTo("2026-01-02T03:04:05.123456Z");
        // the nanoseconds never reach the hash: what PostgreSQL stores is what was hashed
        assertThat(twoEntries()[0].record().recordedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void parse_acceptsUnknownTypes_andRejectsWhatIsNotACloudEvent() {
        assertThat(received("eer.alerts", 0, 0, RECEIVED_0).type()).isEqualTo("io.eer.Test.v1");
        for (String bad : new String[] {"not json", "[1,2]", "{\"specversion\":\"1.0\"}",
                RECEIVED_0.replace("\"1.0\"", "\"0.3\""), RECEIVED_0.replace("\"id\": \"e-1\",", ""),
                RECEIVED_0 + " trailing", RECEIVED_0.replace("\"x\"", "\"\\ud800\""), ""}) {
            assertThatThrownBy(() -> received("eer.requests", 0, 0, bad)).as(bad)
                    .isInstanceOf(MalformedEventException.class);
        }
    }
}
