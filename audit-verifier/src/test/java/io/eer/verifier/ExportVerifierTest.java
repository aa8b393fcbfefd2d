package io.eer.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.json.CanonicalJson;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.MerkleTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tamper matrix against an export built here, plus what a valid export passes. */
class ExportVerifierTest {

    private static final KeyPair KEY = ExportBuilder.keyPair();
    private static final KeyPair WRONG_KEY = ExportBuilder.keyPair();
    private static final String KEY_ID = "audit-1";

    private ExportBuilder export;

    /** Ten entries with checkpoints at sizes 0, 3, 6 and 10. */
    @BeforeEach
    void build() {
        export = new ExportBuilder();
        export.checkpoint(0, KEY.getPrivate(), KEY_ID);
        for (int i = 0; i < 10; i++) {
            export.add("request-" + (i / 2), "payments DB locked #" + i);
            if (i == 2 || i == 5 || i == 9) {
                export.checkpoint(i + 1, KEY.getPrivate(), KEY_ID);
            }
        }
    }

    private static Report verify(String ndjson, PublicKey key) throws IOException {
        return verify(ndjson, Map.of(KEY_ID, key), null);
    }

    private static Report verify(String ndjson, Map<String, PublicKey> keys, JsonNode proof) throws IOException {
        return new ExportVerifier(keys).verify(
                new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), proof);
    }

    @Test
    void untouchedExport_isValid_andEveryCheckIsListed() throws IOException {
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(report.verdict()).isEqualTo("VALID");
        assertThat(report.checked()).hasSize(5);
        assertThat(report.checked().get(0)).contains("index 0..9 (10)");
        // RFC 6962 PROOF(3, D[6]) = [leaf 2, leaf 3, MTH(D[0:2]), MTH(D[4:6])]: four hashes from the signed root of 3
        assertThat(report.checked().get(3)).contains("checkpoint 2: size 6")
                .contains("consistent with checkpoint 1 (RFC 6962 proof of 4 hashes verified)");
    }

    @Test
    void exportAsTheServiceWritesIt_everyEntryIsProvenByItsLeaf_withoutParsingItsEvent() throws IOException {
        ExportVerifier verifier = new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()));
        Report report = verifier.verify(new ByteArrayInputStream(export.ndjson().getBytes(StandardCharsets.UTF_8)),
                null);
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(verifier.provenEntries()).isEqualTo(10);
    }

    @Test
    void eventsNotInCanonicalForm_areReadByTheFullParser_andTheExportIsValid() throws IOException {
        ExportVerifier verifier = new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()));
        Report report = verifier.verify(
                new ByteArrayInputStream(export.ndjsonAsBuilt().getBytes(StandardCharsets.UTF_8)), null);
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(report.checked()).hasSize(5);
        assertThat(verifier.provenEntries()).isZero();
    }

    @Test
    void linesEndingInCrLf_verifyAsWithLf() throws IOException {
        ExportVerifier verifier = new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()));
        String crlf = export.ndjson().replace("\n", "\r\n");
        Report report = verifier.verify(new ByteArrayInputStream(crlf.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(verifier.provenEntries()).isEqualTo(10);
    }

    @Test
    void linesLongerThanAReadBlock_andSpanningBlocks_verify() throws IOException {
        ExportBuilder long_ = new ExportBuilder();
        long_.checkpoint(0, KEY.getPrivate(), KEY_ID);
        for (int i = 0; i < 5; i++) {
            long_.add("request-" + i, "x".repeat(i == 2 ? 2_500_000 : 300_000 + i));
        }
        long_.checkpoint(5, KEY.getPrivate(), KEY_ID);
        ExportVerifier verifier = new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()));
        Report report = verifier.verify(new ByteArrayInputStream(long_.ndjson().getBytes(StandardCharsets.UTF_8)),
                null);
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(report.checked().get(0)).contains("index 0..4 (5)");
        assertThat(verifier.provenEntries()).isEqualTo(5);
    }

    @Test
    void bytesThatAreNotUtf8_cannotBeRead() {
        byte[] bytes = export.ndjson().replace("payments DB locked #4", "payments DB locked #\u00e9")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == (byte) 0xc3 && bytes[i + 1] == (byte) 0xa9) {
                bytes[i + 1] = '!'; // a lead byte without its continuation
            }
        }
        assertThatThrownBy(() -> new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()))
                .verify(new ByteArrayInputStream(bytes), null)).isInstanceOf(IOException.class);
    }

    @Test
    void keyGivenWithoutKeyId_verifiesEveryCheckpoint() throws IOException {
        assertThat(verify(export.ndjson(), Map.of(ExportVerifier.ANY_KEY, KEY.getPublic()), null).valid()).isTrue();
    }

    @Test
    void oneByteOfAPayloadChanged_isALeafMismatchAtThatIndex_asWrittenAndAsBuilt() throws IOException {
        for (String written : List.of(export.ndjson(), export.ndjsonAsBuilt())) {
            String ndjson = written.replace("payments DB locked #4", "Payments DB locked #4");
            Report report = verify(ndjson, KEY.getPublic());
            assertThat(report.valid()).isFalse();
            assertThat(report.badIndex()).isEqualTo(4);
            assertThat(report.reason()).isEqualTo("leaf mismatch");
        }
    }

    @Test
    void timestampChanged_isALeafMismatchAtThatIndex() throws IOException {
        ((ObjectNode) export.entries.get(7)).put("recordedAt", "2026-11-26T10:00:07.999999Z");
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.badIndex()).isEqualTo(7);
        assertThat(report.reason()).isEqualTo("leaf mismatch");
    }

    @Test
    void rowDeletedFromTheMiddle_isAnIndexGapAtThatIndex() throws IOException {
        export.entries.remove(5);
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.badIndex()).isEqualTo(5);
        assertThat(report.reason()).isEqualTo("index gap");
        assertThat(report.detail()).contains("index 5 is missing");
    }

    @Test
    void twoRowsSwapped_isAnIndexGapAtTheFirst() throws IOException {
        Collections.swap(export.entries, 3, 8);
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.badIndex()).isEqualTo(3);
        assertThat(report.reason()).isEqualTo("index gap");
    }

    @Test
    void twoRowsSwappedWithTheirIndicesKept_isALeafMismatchAtTheFirst() throws IOException {
        JsonNode third = export.entries.get(3).get("event");
        export.entries.get(3).set("event", export.entries.get(8).get("event"));
        export.entries.get(8).set("event", third);
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.badIndex()).isEqualTo(3);
        assertThat(report.reason()).isEqualTo("leaf mismatch");
    }

    @Test
    void tailTruncatedAfterASignedCheckpoint_namesTheFirstMissingIndex() throws IOException {
        // the last checkpoint (size 10) stays; entries 7..9 are gone and the header rewritten to match
        export.entries.subList(7, 10).clear();
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.valid()).isFalse();
        assertThat(report.reason()).isEqualTo("ledger truncated");
        assertThat(report.badIndex()).isEqualTo(7);
        assertThat(report.badCheckpoint()).isEqualTo(3);
    }

    @Test
    void forgedRowInsertedWithARecomputedChain_isCaughtByTheSignedCheckpoint() throws IOException {
        // a forged entry at index 6 (where checkpoint 2 ends), later ones shifted, every hash recomputed
        ObjectNode forged = export.entries.get(6).deepCopy();
        ((ObjectNode) forged.get("event").get("data")).put("justification", "nothing to see");
        ((ObjectNode) forged.get("event")).put("id", "forged");
        export.entries.add(6, forged);
        for (int i = 0; i < export.entries.size(); i++) {
            export.entries.get(i).put("index", i);
        }
        export.rehash(6);
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.valid()).isFalse();
        assertThat(report.reason()).isEqualTo("checkpoint mismatch");
        assertThat(report.badIndex()).isEqualTo(6);
        assertThat(report.badCheckpoint()).isEqualTo(3);
        assertThat(report.detail()).contains("from index 6");
    }

    @Test
    void checkpointSignedWithTheWrongKey_namesThatCheckpoint() throws IOException {
        ExportBuilder other = new ExportBuilder();
        export.checkpoints.remove(3);
        other.entries.addAll(export.entries);
        other.checkpoint(10, WRONG_KEY.getPrivate(), KEY_ID); // same key id, another private key
        ObjectNode forged = other.checkpoints.get(0);
        forged.put("seq", 3);
        export.checkpoints.add(forged);
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.valid()).isFalse();
        assertThat(report.reason()).isEqualTo("checkpoint signature invalid");
        assertThat(report.badCheckpoint()).isEqualTo(3);
        assertThat(report.badIndex()).isNull();
    }

    @Test
    void checkpointsAreVerifiedWithOnlyThePublicKey_andAnotherKeyFailsThem() throws IOException {
        assertThat(verify(export.ndjson(), KEY.getPublic()).valid()).isTrue();
        Report report = verify(export.ndjson(), WRONG_KEY.getPublic());
        assertThat(report.reason()).isEqualTo("checkpoint signature invalid");
        assertThat(report.badCheckpoint()).isEqualTo(0);
    }

    @Test
    void checkpointWithAnUnknownKeyId_isRejected() throws IOException {
        Report report = verify(export.ndjson(), Map.of("someone-else", KEY.getPublic()), null);
        assertThat(report.reason()).isEqualTo("checkpoint signature invalid");
        assertThat(report.detail()).contains("no public key was given");
    }

    @Test
    void changedChainValue_isAChainMismatch() throws IOException {
        export.entries.get(2).put("chain", LedgerHash.hex(new byte[32]));
        Report report = verify(export.ndjson(), KEY.getPublic());
        assertThat(report.badIndex()).isEqualTo(2);
        assertThat(report.reason()).isEqualTo("chain mismatch");
    }

    @Test
    void partialExport_isNotVerifiable() throws IOException {
        String ndjson = export.ndjson().replaceFirst("\"from\":0", "\"from\":4");
        Report report = verify(ndjson, KEY.getPublic());
        assertThat(report.reason()).isEqualTo("partial export");
    }

    private JsonNode inclusionProof(int index, int size) {
        List<byte[]> leaves = export.entries.stream().map(line -> LedgerHash.fromHex(line.get("leaf").asText()))
                .collect(Collectors.toList());
        ObjectNode proof = ExportBuilder.JSON.createObjectNode();
        proof.put("index", index);
        proof.put("size", size);
        proof.put("leaf", LedgerHash.hex(leaves.get(index)));
        proof.put("root", LedgerHash.hex(MerkleTree.root(leaves, size)));
        var path = proof.putArray("proof");
        inclusionPath(leaves, index, 0, size, new ArrayList<>()).forEach(hash -> path.add(LedgerHash.hex(hash)));
        return proof;
    }

    /** RFC 6962 PATH, written here separately from the verifier. */
    private static List<byte[]> inclusionPath(List<byte[]> leaves, int m, int start, int end, List<byte[]> out) {
        int n = end - start;
        if (n > 1) {
            int k = Integer.highestOneBit(n - 1);
            if (m < k) {
                inclusionPath(leaves, m, start, start + k, out);
                out.add(MerkleTree.root(leaves.subList(start + k, end), end - (start + k)));
            } else {
                inclusionPath(leaves, m - k, start + k, end, out);
                out.add(MerkleTree.root(leaves.subList(start, start + k), start + k - (start)));
            }
        }
        return out;
    }

    @Test
    void inclusionProof_againstASignedCheckpoint_isChecked() throws IOException {
        Report report = verify(export.ndjson(), Map.of(KEY_ID, KEY.getPublic()), inclusionProof(4, 6));
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(report.checked().get(report.checked().size() - 1))
                .contains("entry 4 is in the tree of size 6").contains("checkpoint 2 signed");
    }

    @Test
    void inclusionProof_withABadHash_failsAtItsIndex() throws IOException {
        ObjectNode proof = (ObjectNode) inclusionProof(4, 6);
        ((com.fasterxml.jackson.databind.node.ArrayNode) proof.get("proof")).set(0, LedgerHash.hex(new byte[32]));
        Report report = verify(export.ndjson(), Map.of(KEY_ID, KEY.getPublic()), proof);
        assertThat(report.reason()).isEqualTo("inclusion proof invalid");
        assertThat(report.badIndex()).isEqualTo(4);
    }

    /** 700 entries: three batches of the worker pipeline, checkpoints every 100 (as signed, all checked). */
    private static ExportBuilder large() {
        ExportBuilder large = new ExportBuilder();
        large.checkpoint(0, KEY.getPrivate(), KEY_ID);
        for (int i = 0; i < 700; i++) {
            large.add("request-" + i, "ünïcødé \"payments\" DB locked #" + i);
            if ((i + 1) % 100 == 0) {
                large.checkpoint(i + 1, KEY.getPrivate(), KEY_ID);
            }
        }
        return large;
    }

    @Test
    void exportOfManyBatches_isValid_andEveryCheckpointIsChecked() throws IOException {
        Report report = verify(large().ndjson(), KEY.getPublic());
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(report.checked()).hasSize(1 + 8);
        assertThat(report.checked().get(8)).contains("checkpoint 7: size 700")
                .contains("consistent with checkpoint 6");
    }

    @Test
    void tamperedInALaterBatch_isNamedThere_andTheFirstOfTwoFailuresIsTheOneNamed() throws IOException {
        ExportBuilder large = large();
        ((ObjectNode) large.entries.get(650).get("event").get("data")).put("justification", "forged");
        Report late = verify(large.ndjson(), KEY.getPublic());
        assertThat(late.reason()).isEqualTo("leaf mismatch");
        assertThat(late.badIndex()).isEqualTo(650);

        // an earlier tamper (batch 2) and an unreadable line (batch 3): the earlier one, as a line-by-line run says
        ((ObjectNode) large.entries.get(300).get("event").get("data")).put("justification", "forged too");
        String ndjson = large.ndjson();
        List<String> lines = new ArrayList<>(List.of(ndjson.split("\n")));
        lines.set(1 + 520, "{not json");
        Report both = verify(String.join("\n", lines) + "\n", KEY.getPublic());
        assertThat(both.reason()).isEqualTo("leaf mismatch");
        assertThat(both.badIndex()).isEqualTo(300);
    }

    @Test
    void twoCheckpointsSignedWithTheWrongKey_theFirstIsNamed() throws IOException {
        ExportBuilder large = large();
        for (int seq : new int[] {3, 6}) {
            ObjectNode line = large.checkpoints.get(seq);
            line.put("signature", java.util.Base64.getEncoder().encodeToString(ExportBuilder.sign(
                    WRONG_KEY.getPrivate(), CanonicalJson.write(line.get("checkpoint")))));
        }
        Report report = verify(large.ndjson(), KEY.getPublic());
        assertThat(report.reason()).isEqualTo("checkpoint signature invalid");
        assertThat(report.badCheckpoint()).isEqualTo(3);
    }

    @Test
    void recordedAt_readByPosition_isTheInstantInstantParseReads() {
        for (String text : List.of("2026-12-05T08:36:47.026001Z", "1970-01-01T00:00:00.000000Z",
                "2024-02-29T23:59:59.999999Z", "2026-12-31T23:59:60.000000Z", "2026-12-31T24:00:00.000000Z")) {
            assertThat(ExportVerifier.recordedAt(text)).as(text).isEqualTo(java.time.Instant.parse(text));
        }
        assertThatThrownBy(() -> ExportVerifier.recordedAt("2026-02-30T10:00:00.000000Z"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    private static ExportBuilder resigned(ExportBuilder export, int seq) {
        ObjectNode line = export.checkpoints.get(seq);
        line.put("signature", java.util.Base64.getEncoder().encodeToString(ExportBuilder.sign(WRONG_KEY.getPrivate(),
                CanonicalJson.write(line.get("checkpoint")))));
        return export;
    }

    private static Report verifyWithSignaturesAhead(String fileContent, String verified, ExportVerifier verifier,
            java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("export.ndjson");
        java.nio.file.Files.writeString(file, fileContent);
        verifier.checkSignaturesAhead(file);
        return verifier.verify(new ByteArrayInputStream(verified.getBytes(StandardCharsets.UTF_8)), null);
    }

    @Test
    void signaturesCheckedAhead_areUsed_andAWrongOneStillFails(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        ExportVerifier valid = new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()));
        Report report = verifyWithSignaturesAhead(large().ndjson(), large().ndjson(), valid, dir);
        assertThat(report.valid()).as(report.verdict()).isTrue();
        assertThat(valid.signaturesCheckedAhead()).isEqualTo(8);

        String forged = resigned(large(), 3).ndjson();
        ExportVerifier wrong = new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()));
        Report refused = verifyWithSignaturesAhead(forged, forged, wrong, dir);
        assertThat(refused.reason()).isEqualTo("checkpoint signature invalid");
        assertThat(refused.badCheckpoint()).isEqualTo(3);
        assertThat(wrong.signaturesCheckedAhead()).isEqualTo(8);
    }

    @Test
    void aSignatureCheckedAhead_countsOnlyForTheVeryLineItChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        // ahead: the good file; verified: checkpoint 5 signed by another key, which is checked in its turn and fails
        ExportVerifier verifier = new ExportVerifier(Map.of(KEY_ID, KEY.getPublic()));
        Report report = verifyWithSignaturesAhead(large().ndjson(), resigned(large(), 5).ndjson(), verifier, dir);
        assertThat(report.reason()).isEqualTo("checkpoint signature invalid");
        assertThat(report.badCheckpoint()).isEqualTo(5);
        assertThat(verifier.signaturesCheckedAhead()).isEqualTo(7);
    }
}
