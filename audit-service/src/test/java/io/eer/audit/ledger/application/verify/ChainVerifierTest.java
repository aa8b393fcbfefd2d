package io.eer.audit.ledger.application.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.audit.ledger.application.verify.Verification.Failure;
import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.LedgerRecord;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.ledger.format.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    // As a producer might send it (ledger-format's LedgerChainTest pins the hashes of this event).
    private static final String RECEIVED = """
            { "specversion": "1.0", "id": "e-1", "source": "/eer/request-service", "type": "io.eer.Test.v1",
              "subject": "r-1", "time": "2026-01-01T00:00:00Z", "data": { "b": 2, "a": "x" } }""";

    private static List<StoredEntry> ledger(int size) {
        List<StoredEntry> stored = new ArrayList<>();
        LedgerHead head = LedgerHead.empty();
        for (int i = 0; i < size; i++) {
            String json = RECEIVED.replace("e-1", "e-" + i);
            LedgerEntry entry = head.append(ReceivedEvent.parse("eer.grants", i % 3, 100 + i,
                    json.getBytes(StandardCharsets.UTF_8)), Instant.parse("2026-01-02T03:04:05Z").plusMillis(i));
            stored.add(new StoredEntry(entry.index(), entry.record().recordedAt(), entry.record().topic(),
                    entry.record().partition(), entry.record().offset(), entry.received(),
                    entry.record().canonicalString(), entry.leaf(), entry.chain()));
            head = entry.head();
        }
        return stored;
    }

    private static LedgerHead headOf(List<StoredEntry> entries) {
        return entries.isEmpty() ? LedgerHead.empty()
                : new LedgerHead(entries.size(), entries.get(entries.size() - 1).chain());
    }

    private static Verification verify(List<StoredEntry> entries, LedgerHead head) {
        ChainVerifier verifier = new ChainVerifier();
        for (StoredEntry entry : entries) {
            if (!verifier.accept(entry)) {
                break;
            }
        }
        return verifier.finish(head);
    }

    private static List<StoredEntry> with(List<StoredEntry> entries, int index, UnaryOperator<StoredEntry> change) {
        List<StoredEntry> copy = new ArrayList<>(entries);
        copy.set(index, change.apply(copy.get(index)));
        return copy;
    }

    @Test
    void verify_untouchedLedger_isOkWithItsHead() {
        List<StoredEntry> entries = ledger(5);
        Verification result = verify(entries, headOf(entries));
        assertThat(result.ok()).isTrue();
        assertThat(result.size()).isEqualTo(5);
        assertThat(result.head()).isEqualTo(LedgerHash.hex(entries.get(4).chain()));
    }

    @Test
    void verify_emptyLedger_isOkWithZeroHead() {
        Verification result = verify(List.of(), LedgerHead.empty());
        assertThat(result.ok()).isTrue();
        assertThat(result.head()).isEqualTo("0".repeat(64));
    }

    @Test
    void verify_whenOneReceivedByteChanged_namesThatIndexAsLeafMismatch() {
        List<StoredEntry> entries = ledger(5);
        List<StoredEntry> tampered = with(entries, 2, e -> {
            byte[] bytes = e.received();
            int at = new String(bytes, StandardCharsets.UTF_8).indexOf("\"x\"") + 1;
            bytes[at] = 'y';
            return new StoredEntry(e.index(), e.recordedAt(), e.topic(), e.partition(), e.offset(), bytes, null,
                    e.leaf(), e.chain());
        });
        assertThat(verify(tampered, headOf(entries)))
                .isEqualTo(Verification.failed(5, 2, Failure.LEAF_MISMATCH));
    }

    @Test
    void verify_whenMetadataChanged_isLeafMismatch() {
        List<StoredEntry> entries = ledger(4);
        List<StoredEntry> tampered = with(entries, 1, e -> new StoredEntry(e.index(), e.recordedAt().plusSeconds(1),
                e.topic(), e.partition(), e.offset(), e.received(), null, e.leaf(), e.chain()));
        assertThat(verify(tampered, headOf(entries))).isEqualTo(Verification.failed(4, 1, Failure.LEAF_MISMATCH));
        tampered = with(entries, 3, e -> new StoredEntry(e.index(), e.recordedAt(), e.topic(), e.partition(),
                e.offset() + 1, e.received(), null, e.leaf(), e.chain()));
        assertThat(verify(tampered, headOf(entries))).isEqualTo(Verification.failed(4, 3, Failure.LEAF_MISMATCH));
    }

    @Test
    void verify_whenStoredRecordDisagrees_isLeafMismatch() {
        List<StoredEntry> entries = ledger(3);
        List<StoredEntry> tampered = with(entries, 0, e -> new StoredEntry(e.index(), e.recordedAt(), e.topic(),
                e.partition(), e.offset(), e.received(), e.record().replace("eer.grants", "eer.grantz"), e.leaf(),
                e.chain()));
        assertThat(verify(tampered, headOf(entries))).isEqualTo(Verification.failed(3, 0, Failure.LEAF_MISMATCH));
    }

    @Test
    void verify_whenLeafAndChainRewrittenForOneEntry_isChainMismatchAtTheNext() {
        List<StoredEntry> entries = ledger(4);
        // a forger who rewrites entry 1 consistently (new bytes, leaf and chain) still breaks entry 2's link
        List<StoredEntry> tampered = with(entries, 1, e -> {
            byte[] bytes = new String(e.received(), StandardCharsets.UTF_8).replace("\"x\"", "\"z\"")
                    .getBytes(StandardCharsets.UTF_8);
            LedgerRecord record = new LedgerRecord(e.index(), e.recordedAt(), e.topic(), e.partition(), e.offset(),
                    ReceivedEvent.parse(e.topic(), e.partition(), e.offset(), bytes).event());
            byte[] leaf = record.leaf();
            return new StoredEntry(e.index(), e.recordedAt(), e.topic(), e.partition(), e.offset(), bytes,
                    record.canonicalString(), leaf, LedgerHash.chain(entries.get(0).chain(), leaf));
        });
        assertThat(verify(tampered, headOf(entries))).isEqualTo(Verification.failed(4, 2, Failure.CHAIN_MISMATCH));
    }

    @Test
    void verify_whenChainValueChanged_isChainMismatch() {
        List<StoredEntry> entries = ledger(3);
        List<StoredEntry> tampered = with(entries, 1, e -> {
            byte[] chain = e.chain();
            chain[0] ^= 1;
            return new StoredEntry(e.index(), e.recordedAt(), e.topic(), e.partition(), e.offset(), e.received(),
                    e.record(), e.leaf(), chain);
        });
        assertThat(verify(tampered, headOf(entries))).isEqualTo(Verification.failed(3, 1, Failure.CHAIN_MISMATCH));
    }

    @Test
    void verify_whenAnEntryIsMissing_isIndexGap() {
        List<StoredEntry> entries = ledger(5);
        List<StoredEntry> gap = new ArrayList<>(entries);
        gap.remove(3);
        assertThat(verify(gap, headOf(entries))).isEqualTo(Verification.failed(5, 3, Failure.INDEX_GAP));
        assertThat(verify(entries.subList(0, 4), headOf(entries)))
                .isEqualTo(Verification.failed(5, 4, Failure.INDEX_GAP));
    }

    @Test
    void verify_whenHeadDisagrees_isHeadMismatch() {
        List<StoredEntry> entries = ledger(3);
        assertThat(verify(entries, new LedgerHead(3, entries.get(1).chain())))
                .isEqualTo(Verification.failed(3, 2, Failure.HEAD_MISMATCH));
        assertThat(verify(entries, new LedgerHead(2, entries.get(1).chain())).ok()).isFalse();
    }

    @Test
    void verify_whenReceivedBytesNoLongerParse_isLeafMismatch() {
        List<StoredEntry> entries = ledger(2);
        List<StoredEntry> tampered = with(entries, 0, e -> new StoredEntry(e.index(), e.recordedAt(), e.topic(),
                e.partition(), e.offset(), "{broken".getBytes(StandardCharsets.UTF_8), e.record(), e.leaf(),
                e.chain()));
        assertThat(verify(tampered, headOf(entries))).isEqualTo(Verification.failed(2, 0, Failure.LEAF_MISMATCH));
        // the event can still be shown from the stored record
        assertThat(tampered.get(0).event()).hasValueSatisfying(event ->
                assertThat(event.path("id").asText()).isEqualTo("e-0"));
    }
}
