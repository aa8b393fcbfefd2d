package io.eer.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of every event type, pinned by a golden sample in {@code golden/<EventName>.v1.json}: the bytes
 * EventCodec writes, byte for byte. A changed golden means every consumer and the ledger see different bytes.
 */
class GoldenEventsTest {

    static Stream<String> types() {
        return EventTypes.all().stream().sorted();
    }

    private static byte[] golden(String type) {
        return SampleEvents.golden(type).orElseThrow(() -> new AssertionError("no golden sample for " + type));
    }

    @Test
    void eventTypes_whenListed_coverEveryPermittedRecord() {
        assertThat(EventTypes.all()).hasSize(20).allMatch(t -> t.matches("io\\.eer\\.[A-Z][A-Za-z]+\\.v1"));
    }

    @Test
    void goldenSamples_forEveryType_exist() {
        assertThat(types()).allSatisfy(type -> assertThat(SampleEvents.golden(type))
                .as("golden/%s.json (a new event type needs a golden sample)", type.substring("io.eer.".length()))
                .isPresent());
    }

    @Test
    void schemas_forEveryType_exist() {
        assertThat(types()).allSatisfy(type -> assertThat(EventSchemas.read(type)).as(type).isNotEmpty());
    }

    @ParameterizedTest
    @MethodSource("types")
    void golden_whenValidated_matchesItsSchema(String type) {
        assertThat(SchemaSupport.errors(type, golden(type))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void golden_isOneCanonicalLine(String type) {
        String text = new String(golden(type), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n").doesNotEndWith(" ").startsWith("{\"data\":{");
        assertThat(io.eer.contracts.json.CanonicalJson.writeString(EventCodec.readTree(golden(type)))).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("types")
    void golden_whenDecodedAndEncoded_isUnchanged(String type) {
        byte[] golden = golden(type);

        EventEnvelope decoded = EventCodec.decode(golden);

        assertThat(decoded.type()).isEqualTo(type);
        assertThat(decoded.subject()).isEqualTo(decoded.data().requestId());
        assertThat(new String(EventCodec.encode(decoded), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
        assertThat(EventCodec.encode(decoded)).isEqualTo(golden);
    }

    @ParameterizedTest
    @MethodSource("types")
    void javaRecord_whenEncoded_equalsGolden(String type) {
        EventEnvelope built = SampleEvents.full(type)
                .orElseThrow(() -> new AssertionError("SampleEvents.full has no " + type));

        assertThat(EventCodec.encodeToString(built)).isEqualTo(new String(golden(type), StandardCharsets.UTF_8));
        assertThat(EventCodec.decode(golden(type))).isEqualTo(built);
    }

    @ParameterizedTest
    @MethodSource("types")
    void javaRecord_whenEncoded_matchesItsSchema(String type) {
        EventEnvelope full = SampleEvents.full(type).orElseThrow();

        assertThat(SchemaSupport.errors(type, EventCodec.encode(full))).isEmpty();
    }

    /**
     * Goldens as they were before the policy/approval fields were added ({@code golden-previous/}): events already
     * in the ledger must still validate, decode, and re-encode to the bytes that were hashed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"EmergencyRequested", "Approved", "Denied", "ApprovalTimedOut", "RequestCancelled"})
    void goldenFromBeforeOptionalFieldsWereAdded_stillValidatesAndReEncodesToTheSameBytes(String name) throws Exception {
        String type = "io.eer." + name + ".v1";
        byte[] previous;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("golden-previous/" + name + ".v1.json")) {
            previous = in.readAllBytes();
        }

        assertThat(SchemaSupport.errors(type, previous)).isEmpty();
        assertThat(new String(EventCodec.encode(EventCodec.decode(previous)), StandardCharsets.UTF_8))
                .isEqualTo(new String(previous, StandardCharsets.UTF_8));
        assertThat(previous).isNotEqualTo(golden(type));
    }

    @ParameterizedTest
    @MethodSource("types")
    void javaRecord_withOptionalFieldsAbsent_matchesItsSchemaAndRoundTrips(String type) {
        EventEnvelope minimal = SampleEvents.minimal(type)
                .orElseThrow(() -> new AssertionError("SampleEvents.minimal has no " + type));
        byte[] bytes = EventCodec.encode(minimal);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("null");
        assertThat(SchemaSupport.errors(type, bytes)).isEmpty();
        assertThat(EventCodec.decode(bytes)).isEqualTo(minimal);
        assertThat(EventCodec.encode(EventCodec.decode(bytes))).isEqualTo(bytes);
    }
}
