package io.eer.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eer.contracts.events.DomainEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<String> types() {
        return EventTypes.all().stream().sorted();
    }

    // ---- where the schemas are

    @Test
    void resourceFor_whenTypeKnown_namesTheSchemaFile() {
        assertThat(EventSchemas.resourceFor("io.eer.Approved.v1")).isEqualTo("schemas/Approved.v1.json");
        assertThat(EventSchemas.class.getClassLoader().getResource(EventSchemas.resourceFor("io.eer.AlertRaised.v1")))
                .isNotNull();
    }

    @Test
    void resourceFor_whenTypeUnknown_throws() {
        assertThatThrownBy(() -> EventSchemas.resourceFor("io.eer.Approved.v2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSchemas.resourceFor("Approved")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("types")
    void schema_forEveryType_isDraft202012AndPinsTheType(String type) {
        JsonNode schema = SchemaSupport.schemaNode(type);

        assertThat(schema.path("$schema").asText()).isEqualTo(EventSchemas.DIALECT);
        assertThat(schema.at("/properties/type/const").asText()).isEqualTo(type);
        assertThat(schema.at("/properties/specversion/const").asText()).isEqualTo("1.0");
        assertThat(schema.at("/properties/data/additionalProperties").asBoolean(false)).isTrue();
    }

    /** The schema and the record must not drift apart: same fields, same enums, same shapes, all the way down. */
    @ParameterizedTest
    @MethodSource("types")
    void schema_forEveryType_describesEveryRecordField(String type) {
        JsonNode schema = SchemaSupport.schemaNode(type);

        assertMatches(EventTypes.classOf(type).orElseThrow(), schema.at("/properties/data"), schema, "data");
    }

    private static void assertMatches(Type javaType, JsonNode node, JsonNode root, String path) {
        JsonNode s = resolve(node, root);
        Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
        if (raw == String.class) {
            assertThat(s.path("type").asText()).as(path).isEqualTo("string");
        } else if (raw.isEnum()) {
            List<String> constants = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            List<String> schemaValues = new ArrayList<>();
            s.path("enum").forEach(v -> schemaValues.add(v.asText()));
            assertThat(schemaValues).as(path + " enum").containsExactlyElementsOf(constants);
        } else if (raw == Instant.class) {
            assertThat(s.path("format").asText()).as(path).isEqualTo("date-time");
        } else if (raw == Duration.class) {
            assertThat(s.path("pattern").asText()).as(path).startsWith("^PT");
        } else if (raw == int.class || raw == long.class) {
            assertThat(s.path("type").asText()).as(path).isEqualTo("integer");
        } else if (raw == boolean.class) {
            assertThat(s.path("type").asText()).as(path).isEqualTo("boolean");
        } else if (raw == List.class) {
            assertThat(s.path("type").asText()).as(path).isEqualTo("array");
            assertMatches(((ParameterizedType) javaType).getActualTypeArguments()[0], s.path("items"), root, path + "[]");
        } else if (raw.isRecord()) {
            assertThat(s.path("type").asText()).as(path).isEqualTo("object");
            assertThat(s.path("additionalProperties").asBoolean(false)).as(path + " open for new optional fields")
                    .isTrue();
            Set<String> properties = new HashSet<>();
            s.path("properties").fieldNames().forEachRemaining(properties::add);
            RecordComponent[] components = raw.getRecordComponents();
            assertThat(properties).as(path + " properties")
                    .containsExactlyInAnyOrder(Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new));
            Set<String> required = new HashSet<>();
            s.path("required").forEach(r -> required.add(r.asText()));
            assertThat(properties).as(path + " required").containsAll(required);
            for (RecordComponent c : components) {
                if (omittedWhenDefault(c)) {
                    // Written only when not the default, so an event from before the field existed keeps its bytes.
                    assertThat(required).as(path + "." + c.getName() + " is left out when default").doesNotContain(c.getName());
                } else if (c.getType().isPrimitive() || (DomainEvent.class.isAssignableFrom(raw) && c.getName().equals("requestId"))) {
                    assertThat(required).as(path + "." + c.getName() + " is always written").contains(c.getName());
                }
                assertMatches(c.getGenericType(), s.path("properties").path(c.getName()), root, path + "." + c.getName());
            }
        } else {
            throw new AssertionError(path + ": no schema rule for Java type " + javaType);
        }
    }

    private static boolean omittedWhenDefault(RecordComponent c) {
        JsonInclude include = c.getAccessor().getAnnotation(JsonInclude.class);
        return include != null && include.value() == JsonInclude.Include.NON_DEFAULT;
    }

    private static JsonNode resolve(JsonNode node, JsonNode root) {
        String ref = node.path("$ref").asText(null);
        return ref == null ? node : root.at(ref.substring(1));
    }

    // ---- the schemas reject what is wrong

    static Stream<Arguments> requiredDataFields() {
        return types().flatMap(type -> {
            List<Arguments> cases = new ArrayList<>();
            SchemaSupport.schemaNode(type).at("/properties/data/required")
                    .forEach(f -> cases.add(Arguments.of(type, f.asText())));
            return cases.stream();
        });
    }

    @ParameterizedTest(name = "{0} without data.{1}")
    @MethodSource("requiredDataFields")
    void schema_whenRequiredDataFieldMissing_rejects(String type, String field) {
        JsonNode event = golden(type);
        ((ObjectNode) event.get("data")).remove(field);

        assertThat(SchemaSupport.errors(type, event)).isNotEmpty().anyMatch(e -> e.contains(field));
    }

    static Stream<Arguments> envelopeAttributes() {
        return types().flatMap(type -> Stream.of("specversion", "id", "source", "type", "subject", "time",
                "datacontenttype", "data").map(a -> Arguments.of(type, a)));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("envelopeAttributes")
    void schema_whenEnvelopeAttributeMissing_rejects(String type, String attribute) {
        JsonNode event = golden(type);
        ((ObjectNode) event).remove(attribute);

        assertThat(SchemaSupport.errors(type, event)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void schema_whenTypeIsAnotherEvents_rejects(String type) {
        String other = types().filter(t -> !t.equals(type)).findFirst().orElseThrow();
        JsonNode event = golden(type);
        ((ObjectNode) event).put("type", other);

        assertThat(SchemaSupport.errors(type, event)).isNotEmpty().anyMatch(e -> e.contains("type"));
    }

    @ParameterizedTest
    @MethodSource("types")
    void schema_whenTypeIsV2_rejects(String type) {
        JsonNode event = golden(type);
        ((ObjectNode) event).put("type", type.replace(".v1", ".v2"));

        assertThat(SchemaSupport.errors(type, event)).isNotEmpty();
    }

    static Stream<Arguments> wrongEnumValues() {
        return Stream.of(
                Arguments.of("EmergencyRequested", "/data/kind", "SUPERUSER"),
                Arguments.of("EmergencyRequested", "/data/origin", "SELF"),
                Arguments.of("EmergencyRequested", "/data/requester/type", "BOT"),
                Arguments.of("EmergencyRequested", "/data/approval/mode", "AUTO"),
                Arguments.of("RequestRejected", "/data/requester/type", "employee"),
                Arguments.of("Approved", "/data/mode", "pre_approved"),
                Arguments.of("AccessRevoked", "/data/reason", "FORGOTTEN"),
                Arguments.of("ReviewCompleted", "/data/outcome", "OK"),
                Arguments.of("AlertRaised", "/data/severity", "LOW"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("wrongEnumValues")
    void schema_whenEnumValueUnknown_rejects(String event, String pointer, String value) {
        String type = "io.eer." + event + ".v1";

        assertThat(SchemaSupport.errors(type, set(golden(type), pointer, TextNode.valueOf(value)))).isNotEmpty();
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("Denied", "/specversion", TextNode.valueOf("0.3")),
                Arguments.of("Denied", "/specversion", NODES.numberNode(1.0)),
                Arguments.of("Denied", "/id", TextNode.valueOf("not-a-uuid")),
                Arguments.of("Denied", "/source", TextNode.valueOf("/other/approval-service")),
                Arguments.of("Denied", "/source", TextNode.valueOf("/eer/Approval_Service")),
                Arguments.of("Denied", "/subject", TextNode.valueOf("")),
                Arguments.of("Denied", "/time", TextNode.valueOf("2026-03-01 09:17:40")),
                Arguments.of("Denied", "/time", TextNode.valueOf("2026-03-01T10:17:40+01:00")),
                Arguments.of("Denied", "/time", TextNode.valueOf("2026-03-01T09:17:40.5Z")),
                Arguments.of("Denied", "/time", TextNode.valueOf("2026-02-30T09:17:40Z")),
                Arguments.of("Denied", "/datacontenttype", TextNode.valueOf("text/plain")),
                Arguments.of("Denied", "/data", NODES.arrayNode()),
                Arguments.of("Denied", "/data/policy/version", IntNode.valueOf(3)),
                Arguments.of("Denied", "/data/reason", NODES.nullNode()),
                Arguments.of("EmergencyRequested", "/data/requestedDuration", TextNode.valueOf("90 minutes")),
                Arguments.of("EmergencyRequested", "/data/requestedDuration", TextNode.valueOf("P1D")),
                Arguments.of("EmergencyRequested", "/data/requestedDuration", TextNode.valueOf("PT-30M")),
                Arguments.of("EmergencyRequested", "/data/requestedDuration", IntNode.valueOf(5400)),
                Arguments.of("EmergencyRequested", "/data/mfa/authTime", IntNode.valueOf(1772356471)),
                Arguments.of("EmergencyRequested", "/data/approval/quorum", TextNode.valueOf("1")),
                Arguments.of("EmergencyRequested", "/data/requester/groups", TextNode.valueOf("sre-oncall")),
                Arguments.of("RequestRejected", "/data/violations", NODES.arrayNode()),
                Arguments.of("ApprovalTimedOut", "/data/escalationPath", TextNode.valueOf("sec-leads")),
                Arguments.of("AccessRevoked", "/data/sessionsTerminated", IntNode.valueOf(-1)),
                Arguments.of("AccessRevoked", "/data/sessionsTerminated", NODES.numberNode(1.5)),
                Arguments.of("AccessRevoked", "/data/confirmed", TextNode.valueOf("true")),
                Arguments.of("AccessExpired", "/data/firedAt", TextNode.valueOf("yesterday")),
                Arguments.of("EmergencyRequested", "/data/approval/distinctGroups", TextNode.valueOf("true")),
                Arguments.of("EmergencyRequested", "/data/approval/decisionTimeout", TextNode.valueOf("15 minutes")),
                Arguments.of("EmergencyRequested", "/data/approval/escalation", TextNode.valueOf("ciso-office")),
                Arguments.of("EmergencyRequested", "/data/approval/approverMfa/acceptedMethods", NODES.arrayNode().add("")),
                Arguments.of("EmergencyRequested", "/data/maxDuration", TextNode.valueOf("P1D")),
                Arguments.of("EmergencyRequested", "/data/rule", TextNode.valueOf("")),
                Arguments.of("Approved", "/data/decisions", NODES.arrayNode().add("u-akim")),
                Arguments.of("Approved", "/data/decisions/0/at", TextNode.valueOf("just now")),
                Arguments.of("Denied", "/data/groups", TextNode.valueOf("sec-leads")),
                Arguments.of("ApprovalTimedOut", "/data/reason", NODES.nullNode()),
                Arguments.of("ApprovalEscalated", "/data/level", IntNode.valueOf(0)),
                Arguments.of("ApprovalEscalated", "/data/deadline", TextNode.valueOf("2026-03-01T09:45:00+01:00")),
                Arguments.of("AttemptRefused", "/data/actor/type", TextNode.valueOf("SERVICE")),
                Arguments.of("AttemptRefused", "/data/action", TextNode.valueOf("")));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("wrongValues")
    void schema_whenValueHasWrongTypeOrFormat_rejects(String event, String pointer, JsonNode value) {
        String type = "io.eer." + event + ".v1";

        assertThat(SchemaSupport.errors(type, set(golden(type), pointer, value))).isNotEmpty();
    }

    // ---- and accept what evolution allows

    @ParameterizedTest
    @MethodSource("types")
    void schema_whenUnknownFieldsAdded_stillAccepts(String type) {
        JsonNode event = golden(type);
        ((ObjectNode) event.get("data")).put("addedInALaterVersion", "optional");
        ((ObjectNode) event).put("eerextension", "CloudEvents extension attribute");

        assertThat(SchemaSupport.errors(type, event)).isEmpty();
    }

    @Test
    void schema_whenNestedUnknownFieldAdded_stillAccepts() {
        String type = "io.eer.EmergencyRequested.v1";

        assertThat(SchemaSupport.errors(type, set(golden(type), "/data/policy/digest", TextNode.valueOf("sha256:00"))))
                .isEmpty();
    }

    @Test
    void schema_whenValuesAtTheEdges_accepts() {
        String type = "io.eer.EmergencyRequested.v1";
        JsonNode event = set(golden(type), "/data/requestedDuration", TextNode.valueOf("PT0.5S"));
        event = set(event, "/time", TextNode.valueOf("2026-03-01T09:15:00.123456789Z"));
        event = set(event, "/id", TextNode.valueOf("A1F0C3D2-0001-4B6E-8F10-2C3D4E5F6A01"));

        assertThat(SchemaSupport.errors(type, event)).isEmpty();
    }

    private static JsonNode golden(String type) {
        return EventCodec.readTree(SampleEvents.golden(type).orElseThrow());
    }

    private static JsonNode set(JsonNode event, String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = event.at(p.head());
        assertThat(parent.isObject()).as("parent of " + pointer).isTrue();
        ((ObjectNode) parent).set(p.last().getMatchingProperty(), value);
        return event;
    }
}
