package io.eer.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.ledger.format.LedgerHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvenEntryTest {

    private ExportBuilder export;

    @BeforeEach
    void build() {
        export = new ExportBuilder();
        export.add("request-0", "first");
        export.add("request-1", "ünïcødé \"quoted\" \\ tab\t €");
        ((ObjectNode) export.entries.get(1).get("event")).put("sequence", "42");
        export.rehash(1);
    }

    private String written(int index) {
        return ExportBuilder.asWritten(export.entries.get(index)).toString();
    }

    private static ProvenEntry read(String line) {
        byte[] bytes = ("padding" + line + "more").getBytes(StandardCharsets.UTF_8);
        int from = "padding".length();
        return ProvenEntry.read(bytes, from, bytes.length - "more".length());
    }

    @Test
    void read_whenTheLineIsAsTheServiceWritesIt_givesWhatTheFullParserReads() {
        ProvenEntry entry = read(written(1));
        ObjectNode line = export.entries.get(1);
        assertThat(entry).isNotNull();
        assertThat(entry.index()).isEqualTo(1);
        assertThat(entry.leaf()).isEqualTo(ExportBuilder.leafOf(line));
        assertThat(LedgerHash.hex(entry.statedChain())).isEqualTo(line.get("chain").asText());
        assertThat(entry.recordedAt()).isEqualTo(Instant.parse(line.get("recordedAt").asText()));
        assertThat(entry.source()).isEqualTo("/eer/request-service");
        assertThat(entry.sequence()).hasValue(42);
        assertThat(read(written(0)).sequence()).isEmpty();
    }

    @Test
    void read_whenTheSequenceIsNotAString_givesNoSequence() {
        ((ObjectNode) export.entries.get(0).get("event")).put("sequence", 7);
        export.rehash(0);
        ProvenEntry entry = read(written(0));
        assertThat(entry).isNotNull();
        assertThat(entry.sequence()).isEmpty();
        assertThat(entry.source()).isEqualTo("/eer/request-service");
    }

    @Test
    void read_whenTheSourceIsWrittenWithAnEscape_leavesItToTheFullParser() {
        ((ObjectNode) export.entries.get(0).get("event")).put("source", "/eer/\"odd\"");
        export.rehash(0);
        assertThat(read(written(0))).isNull();
    }

    @Test
    void read_whenTheDataHoldsMembersNamedLikeTheEnvelopes_readsTheEnvelopes() {
        ObjectNode data = (ObjectNode) export.entries.get(1).get("event").get("data");
        data.put("source", "/not/the/producer").put("sequence", "99");
        data.putObject("nested").put("source", "deeper");
        export.rehash(1);
        ProvenEntry entry = read(written(1));
        assertThat(entry.source()).isEqualTo("/eer/request-service");
        assertThat(entry.sequence()).hasValue(42);
    }

    @Test
    void read_whenAByteOfTheEventChanged_givesNothing() {
        assertThat(read(written(0).replace("first", "First"))).isNull();
    }

    @Test
    void read_whenTheMetadataChanged_givesNothing() {
        String line = written(0);
        assertThat(read(line.replace("\"offset\":100", "\"offset\":101"))).isNull();
        assertThat(read(line.replace("\"partition\":0", "\"partition\":1"))).isNull();
        assertThat(read(line.replace("eer.requests", "eer.grants"))).isNull();
        assertThat(read(line.replace("\"index\":0", "\"index\":7"))).isNull();
    }

    @Test
    void read_whenTheEventIsNotInCanonicalForm_givesNothing() {
        assertThat(read(export.entries.get(0).toString())).isNull(); // members as built: the event's not sorted
        assertThat(read(written(0).replace("\"data\":{", "\"data\": {"))).isNull();
    }

    @Test
    void read_whenTheStatedLeafIsNotTheRecordsHash_givesNothing() {
        String line = written(0);
        String leaf = export.entries.get(0).get("leaf").asText();
        assertThat(read(line.replace(leaf, LedgerHash.hex(new byte[32])))).isNull();
    }

    @Test
    void read_whenTheLineHasAnotherLayout_givesNothing() {
        String line = written(0);
        assertThat(read(line.replace("{\"type\":\"entry\",", "{\"type\":\"entry\", "))).isNull();
        assertThat(read(line + " ")).isNull();
        assertThat(read(line.substring(0, line.length() - 1))).isNull();
        assertThat(read("")).isNull();
        assertThat(read("{\"type\":\"header\"}")).isNull();
    }
}
