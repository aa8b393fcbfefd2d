package io.eer.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.contracts.events.Values.ReviewOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private static final String DENIED = "io.eer.Denied.v1";
    private static final String TIMED_OUT = "io.eer.ApprovalTimedOut.v1";

    private static ObjectNode golden(String type) {
        return (ObjectNode) EventCodec.readTree(SampleEvents.golden(type).orElseThrow());
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- decode rejects what is not an EER event

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{", "{\"id\":", "null", "42", "\"text\"", "[]", "[{\"id\":\"x\"}]"})
    void decode_whenNotAJsonObject_throws(String input) {
        assertThatThrownBy(() -> EventCodec.decode(input)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void decode_whenBytesAreNotUtf8Json_throws() {
        assertThatThrownBy(() -> EventCodec.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}))
                .isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "subject", "time", "specversion", "data"})
    void decode_whenAttributeMissing_throws(String attribute) {
        ObjectNode event = golden(DENIED);
        event.remove(attribute);

        assertThatThrownBy(() -> EventCodec.decode(bytes(event)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(attribute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "subject", "time"})
    void decode_whenAttributeNotAString_throws(String attribute) {
        ObjectNode event = golden(DENIED);
        event.set(attribute, IntNode.valueOf(42));

        assertThatThrownBy(() -> EventCodec.decode(bytes(event))).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "subject"})
    void decode_whenAttributeBlank_throws(String attribute) {
        ObjectNode event = golden(DENIED);
        event.put(attribute, " ");

        assertThatThrownBy(() -> EventCodec.decode(bytes(event))).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1", "1.0.0", "v1.0", ""})
    void decode_whenSpecversionWrong_throws(String specversion) {
        ObjectNode event = golden(DENIED);
        event.put("specversion", specversion);

        assertThatThrownBy(() -> EventCodec.decode(bytes(event)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("specversion");
    }

    @Test
    void decode_whenSpecversionIsTheNumberOnePointZero_throws() {
        // Found: path("specversion").asText() read the JSON number 1.0 as "1.0" and let it through.
        ObjectNode event = golden(DENIED);
        event.put("specversion", 1.0);

        assertThatThrownBy(() -> EventCodec.decode(bytes(event))).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.eer.Nope.v1", "io.eer.Denied.v2", "io.eer.denied.v1", "Denied", "com.example.Denied.v1"})
    void decode_whenTypeUnknown_throws(String type) {
        ObjectNode event = golden(DENIED);
        event.put("type", type);

        assertThatThrownBy(() -> EventCodec.decode(bytes(event)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown event type");
    }

    @Test
    void readTree_whenTypeUnknown_stillParses() {
        ObjectNode event = golden(DENIED);
        event.put("type", "io.eer.FromTheFuture.v1");

        assertThat(EventCodec.readTree(bytes(event)).path("type").asText()).isEqualTo("io.eer.FromTheFuture.v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"text\"", "[]", "null", "7"})
    void decode_whenDataNotAnObject_throws(String data) throws Exception {
        ObjectNode event = golden(DENIED);
        event.set("data", EventCodec.mapper().readTree(data));

        assertThatThrownBy(() -> EventCodec.decode(bytes(event)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-03-01 09:17:40", "2026-02-30T09:17:40Z", "1772356660"})
    void decode_whenTimeNotRfc3339_throws(String time) {
        ObjectNode event = golden(DENIED);
        event.put("time", time);

        assertThatThrownBy(() -> EventCodec.decode(bytes(event))).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void decode_whenEnumValueUnknown_throws() {
        ObjectNode event = golden("io.eer.ReviewCompleted.v1");
        ((ObjectNode) event.get("data")).put("outcome", "LOOKS_FINE");

        assertThatThrownBy(() -> EventCodec.decode(bytes(event)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("io.eer.ReviewCompleted.v1");
    }

    @Test
    void decode_whenDataFieldHasWrongType_throws() {
        ObjectNode event = golden("io.eer.AccessRevoked.v1");
        ((ObjectNode) event.get("data")).put("sessionsTerminated", "two");

        assertThatThrownBy(() -> EventCodec.decode(bytes(event))).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void decode_whenListFieldMissing_throws() {
        ObjectNode event = golden(TIMED_OUT);
        ((ObjectNode) event.get("data")).remove("escalationPath");

        assertThatThrownBy(() -> EventCodec.decode(bytes(event))).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void decode_whenTrailingContent_throws() {
        // Found: Jackson's readTree stopped after the first value, so "{...}garbage" decoded as an event.
        String golden = new String(SampleEvents.golden(DENIED).orElseThrow(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventCodec.decode(golden + "{\"second\":1}")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(golden + "x")).isInstanceOf(MalformedEventException.class);
        assertThat(EventCodec.decode(golden + "\n").type()).isEqualTo(DENIED);
    }

    @Test
    void decode_whenMemberNameDuplicated_throws() {
        // Found: duplicate names were accepted (last one wins), so two readers could see two different events.
        String golden = new String(SampleEvents.golden(DENIED).orElseThrow(), StandardCharsets.UTF_8);
        String twoReasons = golden.replace("\"reason\":", "\"reason\":\"approved after all\",\"reason\":");
        String twoTypes = golden.replace("\"type\":", "\"type\":\"io.eer.Approved.v1\",\"type\":");

        assertThatThrownBy(() -> EventCodec.decode(twoReasons)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(twoTypes)).isInstanceOf(MalformedEventException.class);
    }

    // ---- decode tolerates what evolution allows

    @Test
    void decode_whenUnknownFieldsInData_ignoresThem() {
        ObjectNode event = golden("io.eer.EmergencyRequested.v1");
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("addedLater", "optional");
        data.putObject("addedObject").put("x", 1);
        ((ObjectNode) data.get("policy")).put("digest", "sha256:00");
        ((ObjectNode) data.get("requester")).putArray("roles").add("x");
        event.put("eerextension", "value");

        EventEnvelope decoded = EventCodec.decode(bytes(event));

        assertThat(decoded).isEqualTo(SampleEvents.full("io.eer.EmergencyRequested.v1").orElseThrow());
    }

    @Test
    void decode_whenOptionalFieldAbsentOrNull_readsNull() {
        ObjectNode absent = golden("io.eer.ReviewCompleted.v1");
        ((ObjectNode) absent.get("data")).remove("findings");
        ObjectNode explicitNull = golden("io.eer.ReviewCompleted.v1");
        ((ObjectNode) explicitNull.get("data")).putNull("findings");

        assertThat(((ReviewCompleted) EventCodec.decode(bytes(absent)).data()).findings()).isNull();
        assertThat(((ReviewCompleted) EventCodec.decode(bytes(explicitNull)).data()).findings()).isNull();
    }

    @Test
    void decode_whenApprovalPlanFromBeforeItsOptionalFields_readsDefaults() {
        ObjectNode event = golden("io.eer.EmergencyRequested.v1");
        ObjectNode data = (ObjectNode) event.get("data");
        data.putObject("approval").put("mode", "STANDARD").put("quorum", 1).putArray("approverGroups").add("sec-leads");
        data.remove(List.of("ticket", "maxDuration", "rule"));

        EmergencyRequested decoded = (EmergencyRequested) EventCodec.decode(bytes(event)).data();

        assertThat(decoded.approval()).isEqualTo(new ApprovalPlan(ApprovalMode.STANDARD, List.of("sec-leads"), 1));
        assertThat(decoded.approval().distinctGroups()).isFalse();
        assertThat(decoded.approval().escalation()).isNull();
        assertThat(decoded.approval().approverMfa()).isNull();
        assertThat(decoded.ticket()).isNull();
        assertThat(decoded.rule()).isNull();
    }

    @Test
    void encode_whenDistinctGroupsFalse_leavesItOutAndWhenTrue_writesIt() {
        ApprovalPlan plain = new ApprovalPlan(ApprovalMode.STANDARD, List.of("sec-leads"), 1);
        ApprovalPlan distinct = new ApprovalPlan(ApprovalMode.STANDARD, List.of("sec-leads", "dba-leads"), 2, true,
                null, null, null, null);

        assertThat(EventCodec.mapper().valueToTree(plain).has("distinctGroups")).isFalse();
        assertThat(EventCodec.mapper().valueToTree(distinct).path("distinctGroups").isBoolean()).isTrue();
        assertThat(EventCodec.mapper().valueToTree(distinct).path("distinctGroups").booleanValue()).isTrue();
    }

    @Test
    void decode_whenDistinctGroupsExplicitlyFalse_readsFalse() {
        ObjectNode event = golden("io.eer.EmergencyRequested.v1");
        ((ObjectNode) event.at("/data/approval")).put("distinctGroups", false);

        assertThat(((EmergencyRequested) EventCodec.decode(bytes(event)).data()).approval().distinctGroups()).isFalse();
    }

    @Test
    void decode_whenKeysInAnyOrderAndWhitespace_encodesBackToCanonicalBytes() throws Exception {
        byte[] golden = SampleEvents.golden("io.eer.EmergencyRequested.v1").orElseThrow();
        String pretty = EventCodec.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(reversed(EventCodec.readTree(golden)));
        assertThat(pretty).contains("\n").startsWith("{\n  \"type\"");

        assertThat(EventCodec.encode(EventCodec.decode(pretty))).isEqualTo(golden);
    }

    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            Collections.reverse(members);
            ObjectNode copy = EventCodec.mapper().createObjectNode();
            members.forEach(m -> copy.set(m.getKey(), reversed(m.getValue())));
            return copy;
        }
        return node;
    }

    // ---- encode

    static Stream<String> types() {
        return EventTypes.all().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("types")
    void encode_whenCalledAgainOrOnAnEqualEvent_givesTheSameBytes(String type) {
        EventEnvelope event = SampleEvents.full(type).orElseThrow();
        EventEnvelope copy = EventCodec.decode(EventCodec.encode(event));

        assertThat(EventCodec.encode(event)).isEqualTo(EventCodec.encode(event)).isEqualTo(EventCodec.encode(copy));
    }

    @Test
    void encode_whenListsAreDifferentImplementations_givesTheSameBytes() {
        Approved a = new Approved(SampleEvents.REQ, List.of("u-akim", "u-bo"), io.eer.contracts.events.Values.ApprovalMode.STANDARD,
                java.time.Duration.ofMinutes(60), "u-jsmith", "u-jsmith", "crm", "admin", SampleEvents.POLICY);
        Approved b = new Approved(SampleEvents.REQ, new ArrayList<>(List.of("u-akim", "u-bo")), a.mode(),
                java.time.Duration.ofHours(1), "u-jsmith", "u-jsmith", "crm", "admin",
                new io.eer.contracts.events.Values.PolicyRef("break-glass-prod", "2026.03.1"));
        Instant t = Instant.parse("2026-03-01T09:17:12Z");
        String id = "a1f0c3d2-0004-4b6e-8f10-2c3d4e5f6a04";

        assertThat(EventCodec.encode(EventEnvelope.of(id, "/eer/approval-service", t, a)))
                .isEqualTo(EventCodec.encode(EventEnvelope.of(id, "/eer/approval-service", t, b)));
    }

    @Test
    void encode_writesTheCloudEventAttributes() {
        EventEnvelope event = SampleEvents.full(DENIED).orElseThrow();

        JsonNode written = EventCodec.readTree(EventCodec.encode(event));

        assertThat(written.path("specversion").asText()).isEqualTo("1.0");
        assertThat(written.path("type").asText()).isEqualTo(DENIED);
        assertThat(written.path("subject").asText()).isEqualTo(SampleEvents.REQ);
        assertThat(written.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(written.path("time").asText()).isEqualTo("2026-03-01T09:17:40Z");
        assertThat(written.at("/data/policy/version").asText()).isEqualTo("2026.03.1");
    }

    @Test
    void encode_whenOptionalFieldNull_leavesItOut() {
        // Found: nulls were written ("findings":null), so adding an optional field to a record would have
        // changed the bytes of every re-encoded old event.
        EventEnvelope event = EventEnvelope.of("a1f0c3d2-000d-4b6e-8f10-2c3d4e5f6a0d", "/eer/review-service",
                Instant.parse("2026-03-02T14:02:00Z"), new ReviewCompleted("r", "g", SampleEvents.REQ,
                        ReviewOutcome.ACCESS_APPROPRIATE, null, "u-lchen"));

        assertThat(EventCodec.encodeToString(event)).doesNotContain("findings").doesNotContain("null");
    }

    @Test
    void encode_whenTypeDoesNotMatchData_throws() {
        EventEnvelope wrong = new EventEnvelope("a1f0c3d2-0005-4b6e-8f10-2c3d4e5f6a05", "/eer/approval-service",
                "io.eer.Approved.v1", SampleEvents.REQ, Instant.parse("2026-03-01T09:17:40Z"),
                new Denied(SampleEvents.REQ, "u-akim", "no", SampleEvents.POLICY));

        assertThatThrownBy(() -> EventCodec.encode(wrong)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encode_whenStringHasLoneSurrogate_throws() {
        // Found: a lone surrogate was silently written as '?' by String.getBytes(UTF_8).
        EventEnvelope event = EventEnvelope.of("a1f0c3d2-0006-4b6e-8f10-2c3d4e5f6a06", "/eer/approval-service",
                Instant.parse("2026-03-01T09:45:00Z"), new ApprovalTimedOut(SampleEvents.REQ, List.of("sec-\uD83D")));

        assertThatThrownBy(() -> EventCodec.encode(event)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envelopeOf_takesTypeAndSubjectFromTheEvent() {
        EventEnvelope event = EventEnvelope.of("a1f0c3d2-0005-4b6e-8f10-2c3d4e5f6a05", "/eer/approval-service",
                Instant.parse("2026-03-01T09:17:40Z"), new Denied("req-1", "u-akim", "no", SampleEvents.POLICY));

        assertThat(event.type()).isEqualTo(DENIED);
        assertThat(event.subject()).isEqualTo("req-1");
    }

    // ---- the producer's sequence number (CloudEvents extension attribute "sequence")

    @Test
    void sequence_whenPresent_isWrittenAsDecimalStringAndReadBack() {
        EventEnvelope event = EventCodec.decode(golden(DENIED).toString()).withSequence(42);

        String json = EventCodec.encodeToString(event);

        assertThat(json).contains("\"sequence\":\"42\"");
        assertThat(EventCodec.decode(json).sequence()).isEqualTo(42L);
        assertThat(EventCodec.encodeToString(EventCodec.decode(json))).isEqualTo(json);
    }

    @Test
    void sequence_whenAbsent_isNullAndNotWritten() {
        EventEnvelope event = EventCodec.decode(SampleEvents.golden(DENIED).orElseThrow());

        assertThat(event.sequence()).isNull();
        assertThat(EventCodec.encodeToString(event)).doesNotContain("sequence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "01", "+1", "1.0", "1e3", "", " 1", "x", "99999999999999999999"})
    void decode_whenSequenceNotADecimalIntegerString_throws(String value) {
        ObjectNode event = golden(DENIED);
        event.put("sequence", value);

        assertThatThrownBy(() -> EventCodec.decode(bytes(event)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("sequence");
    }

    @Test
    void decode_whenSequenceIsAJsonNumber_throws() {
        ObjectNode event = golden(DENIED);
        event.put("sequence", 7);

        assertThatThrownBy(() -> EventCodec.decode(bytes(event))).isInstanceOf(MalformedEventException.class);
    }
}
