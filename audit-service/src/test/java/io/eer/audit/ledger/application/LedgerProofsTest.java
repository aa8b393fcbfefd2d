package io.eer.audit.ledger.application;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.audit.ledger.infra.out.CheckpointStore;
import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.MerkleTree;
import io.eer.ledger.format.ReceivedEvent;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proofs streamed in chunks of {@value #CHUNK} leaves, so that trees of a few dozen entries span several chunks and
 * their ranges cross chunk boundaries: each proof verifies (RFC 9162) against the root of every leaf as
 * {@code GET /v1/audit/events} states them, and equals the one recomputed over all of them. The service's own
 * endpoints read {@link CheckpointStore#LEAF_CHUNK} at a time and answer the same.
 */
@QuarkusTest
class LedgerProofsTest {

    private static final int CHUNK = 4;
    private static final String AUDITOR = TestTokens.employee("ava", "auditors");
    private static final String TOPIC = "test-audit.proof-chunks";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    @Inject
    AppendToLedger appendToLedger;

    @Inject
    CheckpointStore store;

    private LedgerProofs proofs;
    private List<byte[]> leaves;

    /** At least 30 entries (more if other tests appended before), and every leaf up to the last of them. */
    @BeforeEach
    void ledgerOfSeveralChunks() throws Throwable {
        proofs = new LedgerProofs(store, CHUNK);
        List<ReceivedEvent> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String json = """
                    {"specversion":"1.0","id":"%s","source":"/eer/test","type":"io.eer.Probe.v1","subject":"proofs",\
                    "time":"2026-11-26T10:00:00Z","data":{"n":%d}}""".formatted(UUID.randomUUID(), i);
            batch.add(ReceivedEvent.parse(TOPIC, 0, System.nanoTime() + i, json.getBytes(StandardCharsets.UTF_8)));
        }
        List<LedgerEntry> appended = await(() -> appendToLedger.execute(batch));
        long size = appended.get(appended.size() - 1).index() + 1;
        String lines = given().auth().oauth2(AUDITOR).get("/v1/audit/events?from=0&limit=" + size)
                .then().statusCode(200).extract().asString();
        leaves = new ArrayList<>();
        for (String line : lines.lines().filter(line -> !line.isBlank()).toList()) {
            leaves.add(HEX.parseHex(JSON.readTree(line).get("leaf").asText()));
        }
        assertThat(leaves).hasSize((int) size);
    }

    /** Sizes that are not powers of two and span more than two chunks, the largest being every leaf read. */
    private List<Integer> sizes() {
        int all = Integer.bitCount(leaves.size()) == 1 ? leaves.size() - 1 : leaves.size();
        return List.of(2 * CHUNK + 1, 3 * CHUNK + 1, 23, all);
    }

    @Test
    void inclusion_whenTheTreeSpansSeveralChunks_isTheRfc6962Path() throws Throwable {
        for (int size : sizes()) {
            byte[] root = MerkleTree.root(leaves, size);
            for (int index : List.of(0, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, size / 2, size - 2, size - 1)) {
                LedgerProofs.Inclusion inclusion = await(() -> proofs.inclusion(index, size));
                assertThat(inclusion.leaf()).isEqualTo(leaves.get(index));
                assertThat(inclusion.root()).as("root of %d", size).isEqualTo(root);
                assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, inclusion.proof(), root))
                        .as("%d in %d", index, size).isTrue();
                assertThat(inclusion.proof()).as("%d in %d", index, size)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(leaves, index, size));
            }
        }
        int size = sizes().get(sizes().size() - 1);
        int index = size - CHUNK - 1;
        JsonNode served = served("/v1/audit/proofs/inclusion?index=" + index + "&size=" + size);
        LedgerProofs.Inclusion chunked = await(() -> proofs.inclusion(index, size));
        assertThat(served.get("leaf").asText()).isEqualTo(LedgerHash.hex(chunked.leaf()));
        assertThat(served.get("root").asText()).isEqualTo(LedgerHash.hex(chunked.root()));
        assertThat(hashes(served.get("proof"))).containsExactlyElementsOf(chunked.proof());
    }

    @Test
    void consistency_whenTheTreeSpansSeveralChunks_isTheRfc6962Proof() throws Throwable {
        for (int to : sizes()) {
            byte[] toRoot = MerkleTree.root(leaves, to);
            for (int from : List.of(1, 2, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 1, to / 2, to - 1, to)) {
                byte[] fromRoot = MerkleTree.root(leaves, from);
                LedgerProofs.Consistency consistency = await(() -> proofs.consistency(from, to));
                assertThat(consistency.fromRoot()).as("root of %d", from).isEqualTo(fromRoot);
                assertThat(consistency.toRoot()).as("root of %d", to).isEqualTo(toRoot);
                assertThat(MerkleTree.verifyConsistency(from, to, consistency.proof(), fromRoot, toRoot))
                        .as("%d -> %d", from, to).isTrue();
                assertThat(consistency.proof()).as("%d -> %d", from, to)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(leaves, from, to));
            }
        }
        int to = sizes().get(sizes().size() - 1);
        int from = 2 * CHUNK + 3;
        JsonNode served = served("/v1/audit/proofs/consistency?from=" + from + "&to=" + to);
        LedgerProofs.Consistency chunked = await(() -> proofs.consistency(from, to));
        assertThat(served.get("fromRoot").asText()).isEqualTo(LedgerHash.hex(chunked.fromRoot()));
        assertThat(served.get("toRoot").asText()).isEqualTo(LedgerHash.hex(chunked.toRoot()));
        assertThat(hashes(served.get("proof"))).containsExactlyElementsOf(chunked.proof());
    }

    /** The endpoint's answer, which reads {@link CheckpointStore#LEAF_CHUNK} leaves per query. */
    private static JsonNode served(String path) throws IOException {
        return JSON.readTree(given().auth().oauth2(AUDITOR).get(path).then().statusCode(200).extract().asString());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(HEX.parseHex(hash.asText())));
        return hashes;
    }

    private static <T> T await(Supplier<Uni<T>> uni) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(uni);
    }
}
