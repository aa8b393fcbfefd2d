package io.eer.request.infra.out.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.request.domain.ApprovalMode;
import io.eer.request.domain.Origin;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestKind;
import io.eer.request.domain.InvalidPolicyException;
import io.eer.request.infra.out.RequestEventMapping;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading policies: the valid ones become typed records; every malformed one is refused naming line and field. */
class PolicyReaderTest {

    static final String BASE = resource("/policies/base.yaml");

    static String resource(String name) {
        try (InputStream in = PolicyReaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void read_policyWithExtension_isAccepted_forGrantServiceToRead() {
        String from = "    review: { reviewerGroups: [secops], dueWithin: P2D }\n  - id: jit";
        assertThat(BASE).contains(from);
        String yaml = BASE.replace(from, "    review: { reviewerGroups: [secops], dueWithin: P2D }\n"
                + "    extension: { max: PT2H, reapproval: true }\n  - id: jit");

        assertThat(PolicyReader.read("policy.yaml", yaml).rule("break-glass")).isPresent();
    }

    @Test
    void read_systemWithScope_keepsTheObjectsEmergencyAccessIsFor() {
        String from = "    roles: [admin, reader]\n  - id: wiki";
        assertThat(BASE).contains(from);
        String yaml = BASE.replace(from, "    roles: [admin, reader]\n"
                + "    scope: { objects: [payments.invoices, \"payments.refund_*\"] }\n  - id: wiki");

        Policy policy = PolicyReader.read("policy.yaml", yaml);

        assertThat(policy.system("db").orElseThrow().scope()).containsExactly("payments.invoices", "payments.refund_*");
        assertThat(policy.system("wiki").orElseThrow().scope()).as("no scope: any object").isEmpty();
    }

    @Test
    void read_basePolicy_givesTypedRulesInFileOrder() {
        Policy policy = PolicyReader.read("base.yaml", BASE);

        assertThat(policy.ref().id()).isEqualTo("test-policy");
        assertThat(policy.version()).isEqualTo("7");
        assertThat(policy.rules()).extracting(Policy.Rule::id).containsExactly("expedited", "break-glass", "jit",
                "on-behalf");
        Policy.Rule expedited = policy.rule("expedited").orElseThrow();
        assertThat(expedited.approval().mode()).isEqualTo(ApprovalMode.EXPEDITED);
        assertThat(expedited.approval().quorum()).isEqualTo(1);
        assertThat(expedited.approval().decisionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(expedited.approval().escalation()).containsExactly("leads", "admins");
        Policy.Rule jit = policy.rule("jit").orElseThrow();
        assertThat(jit.approval().distinctGroups()).isTrue();
        assertThat(jit.approval().quorum()).isEqualTo(2);
        assertThat(jit.approval().approverMfa().acceptedMethods()).containsExactly("mfa");
        assertThat(jit.review()).isNull();
        Policy.Rule breakGlass = policy.rule("break-glass").orElseThrow();
        assertThat(breakGlass.kind()).isEqualTo(RequestKind.EMERGENCY);
        assertThat(breakGlass.mfa().maxAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(breakGlass.reference().pattern().pattern()).isEqualTo("^INC-[0-9]+$");
        assertThat(RequestEventMapping.plan(breakGlass.approval()).quorum()).isZero();
        assertThat(policy.rule("on-behalf").orElseThrow().requesters().supervisorGroups()).containsExactly("leads");
    }

    @Test
    void read_localPolicy_isValidAndKeepsTheWalkingSkeletonRules() throws IOException {
        Policy policy = PolicyReader.read("policy.yaml", Files.readString(Path.of("../deploy/local/policy.yaml")));

        assertThat(policy.id()).isEqualTo("eer-local");
        assertThat(policy.system("payments-db").orElseThrow().criticality()).isEqualTo(Policy.Criticality.CRITICAL);
        assertThat(policy.system("payments-db").orElseThrow().scope()).containsExactly("payments.*");
        assertThat(policy.rule("break-glass-dba").orElseThrow().approval().mode()).isEqualTo(ApprovalMode.PRE_APPROVED);
        assertThat(policy.rule("break-glass-dba").orElseThrow().duration().max()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.rule("jit-dba").orElseThrow().duration().max()).isEqualTo(Duration.ofHours(8));
        assertThat(policy.rules()).extracting(r -> r.approval().mode())
                .contains(ApprovalMode.EXPEDITED, ApprovalMode.STANDARD);
        assertThat(policy.rules()).anySatisfy(r -> assertThat(r.approval().distinctGroups()).isTrue());
        assertThat(policy.rules()).anySatisfy(r -> assertThat(r.requesters().supervisorGroups()).isNotEmpty());
    }

    /**
     * Each case changes one thing in the base policy. {@code marker} is text on the line the error must name
     * (null: line unknown), {@code path} the field, {@code message} part of the message.
     */
    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("duration not ISO-8601", "max: PT1H }", "max: 1 hour }", "max: 1 hour",
                        "rules[1].duration.max", "ISO-8601 duration"),
                arguments("unknown field", "    kind: JIT\n", "    kind: JIT\n    maxDuraton: PT1H\n", "maxDuraton",
                        "rules[2].maxDuraton", "unknown field"),
                arguments("unknown system", "systems: [db, wiki]", "systems: [db, nosuch]", "systems: [db, nosuch]",
                        "rules[2].systems[1]", "unknown system 'nosuch'"),
                arguments("role not offered", "roles: [reader, editor]", "roles: [reader, writer]",
                        "roles: [reader, writer]", "rules[2].roles[1]", "offered by none"),
                arguments("default above max", "{ default: PT1H, max: PT8H }", "{ default: PT9H, max: PT8H }",
                        "default: PT9H", "rules[2].duration.default", "must not exceed max"),
                arguments("quorum above distinct groups", "quorum: 2", "quorum: 3", "quorum: 3",
                        "rules[2].approval.quorum", "needs at least 3 approverGroups"),
                arguments("regex does not compile", "pattern: \"^TCK-[0-9]+$\" }\n  - id: on-behalf",
                        "pattern: \"^(TCK\" }\n  - id: on-behalf", "^(TCK", "rules[2].reference.pattern",
                        "not a valid regular expression"),
                arguments("EXPEDITED without escalation", "      escalation: [leads, admins]\n", "", "mode: EXPEDITED",
                        "rules[0].approval.escalation", "required"),
                arguments("EXPEDITED without decision timeout", "      decisionTimeout: PT5M\n", "",
                        "mode: EXPEDITED", "rules[0].approval.decisionTimeout", "required"),
                arguments("PRE_APPROVED for JIT", "approval: { mode: STANDARD, approverGroups: [secops] }",
                        "approval: { mode: PRE_APPROVED, approverGroups: [secops] }",
                        "mode: PRE_APPROVED, approverGroups: [secops] }\n    reference: { required: true, pattern: \"^TCK",
                        "rules[3].approval.mode", "EMERGENCY (break-glass) rules only"),
                arguments("PRE_APPROVED without approver groups", "approval: { mode: PRE_APPROVED, approverGroups: [secops] }",
                        "approval: { mode: PRE_APPROVED }", "mode: PRE_APPROVED }", "rules[1].approval.approverGroups",
                        "required"),
                arguments("PRE_APPROVED without incident", "reference: { required: true, pattern: \"^INC-[0-9]+$\" }",
                        "reference: { required: false }", "mode: PRE_APPROVED", "rules[1].approval.mode",
                        "needs an incident reference"),
                arguments("duplicate rule id", "  - id: on-behalf", "  - id: jit", "  - id: jit\n    kind: JIT\n    requesters:\n      types",
                        "rules[3].id", "duplicate rule id 'jit'"),
                arguments("YAML syntax", "roles: [admin, reader]\n  - id: wiki", "roles: [admin, reader\n  - id: wiki",
                        null, "", "YAML syntax"),
                arguments("wrong type", "quorum: 2", "quorum: two", "quorum: two", "rules[2].approval.quorum",
                        "whole number"),
                arguments("missing kind", "    kind: JIT\n    requesters:\n      types: [CONTRACTOR]",
                        "    requesters:\n      types: [CONTRACTOR]", "  - id: on-behalf", "rules[3].kind", "required"),
                arguments("duplicate key", "    origins: [ON_BEHALF]\n", "    origins: [ON_BEHALF]\n    origins: [ON_BEHALF]\n",
                        "origins: [ON_BEHALF]\n    systems", "rules[3].origins", "duplicate key"),
                arguments("ON_BEHALF without supervisors", "      supervisorGroups: [leads]\n", "", null,
                        "rules[3].requesters.supervisorGroups", "required when origins include ON_BEHALF"),
                arguments("EMERGENCY on a LOW system", "    systems: [db]\n    roles: [admin, reader]",
                        "    systems: [db, wiki]\n    roles: [admin, reader]", "systems: [db, wiki]\n    roles: [admin",
                        "rules[1].systems[1]", "EMERGENCY rules are for HIGH and CRITICAL"),
                arguments("unknown enum", "    kind: JIT\n    requesters:\n      groups", "    kind: PANIC\n    requesters:\n      groups",
                        "kind: PANIC", "rules[2].kind", "must be one of [EMERGENCY, JIT]"),
                arguments("unknown amr", "methods: [mfa, hwk]", "methods: [mfa, sms2]", "methods: [mfa, sms2]",
                        "rules[1].mfa.methods[1]", "RFC 8176"),
                arguments("EMERGENCY without review", "    review: { reviewerGroups: [secops], dueWithin: P2D }\n  - id: jit",
                        "  - id: jit", null, "rules[1].review", "required"),
                arguments("grant longer than 30 days", "{ default: PT1H, max: PT8H }", "{ default: PT1H, max: P60D }",
                        "max: P60D", "rules[2].duration.max", "at most PT720H"),
                arguments("self origin without its type", "    origins: [EMPLOYEE_SELF]\n", "    origins: [EMPLOYEE_SELF, CONTRACTOR_SELF]\n",
                        "origins: [EMPLOYEE_SELF, CONTRACTOR_SELF]", "rules[0].origins", "CONTRACTOR_SELF needs CONTRACTOR"),
                arguments("criticality unknown", "criticality: LOW", "criticality: TRIVIAL", "criticality: TRIVIAL",
                        "systems[1].criticality", "must be one of"),
                arguments("quorum out of range", "quorum: 2", "quorum: 99999999999", "quorum: 99999999999",
                        "rules[2].approval.quorum", "must be at most 100"),
                arguments("unknown top-level field", "description: test policy", "descripton: test policy",
                        "descripton", "descripton", "unknown field"),
                arguments("scope object not a name", "    roles: [admin, reader]\n  - id: wiki",
                        "    roles: [admin, reader]\n    scope: { objects: [payments.invoices, \"drop table x\"] }\n"
                                + "  - id: wiki", "drop table x", "systems[0].scope.objects[1]", "an object name"),
                arguments("scope naming every object", "    roles: [admin, reader]\n  - id: wiki",
                        "    roles: [admin, reader]\n    scope:\n      objects:\n        - payments.invoices\n"
                                + "        - \"*\"\n  - id: wiki", "- \"*\"", "systems[0].scope.objects[1]",
                        "names every object; leave scope out"),
                arguments("scope without objects", "    roles: [admin, reader]\n  - id: wiki",
                        "    roles: [admin, reader]\n    scope: { tables: [payments.invoices] }\n  - id: wiki",
                        "tables: [payments.invoices]", "systems[0].scope.tables", "unknown field"),
                arguments("unknown extension field", "    review: { reviewerGroups: [secops], dueWithin: P2D }\n  - id: jit",
                        "    review: { reviewerGroups: [secops], dueWithin: P2D }\n    extension: { max: PT2H, renew: true }\n  - id: jit",
                        "extension: { max: PT2H, renew", "rules[1].extension.renew", "unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void read_malformedPolicy_isRefusedNamingLineAndField(String name, String from, String to, String marker,
            String path, String message) {
        assertThat(BASE).as("the case must change the base policy").contains(from);
        String yaml = BASE.replace(from, to);

        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", yaml))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
                    assertThat(e.errors()).anySatisfy(error -> {
                        assertThat(error.path()).isEqualTo(path);
                        assertThat(error.message()).contains(message);
                        if (marker != null) {
                            assertThat(error.line()).isEqualTo(lineOf(yaml, marker));
                        } else {
                            assertThat(error.line()).isPositive();
                        }
                    });
                    assertThat(e.getMessage()).startsWith("policy.yaml line ");
                });
    }

    @Test
    void read_errorMessage_namesFileLineAndField() {
        String yaml = BASE.replace("max: PT1H }", "max: 1 hour }");

        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", yaml))
                .hasMessage("policy.yaml line " + lineOf(yaml, "max: 1 hour")
                        + ", rules[1].duration.max: '1 hour' is not an ISO-8601 duration such as PT1H, PT30M or P2D");
    }

    @Test
    void read_reportsEveryErrorAtOnce() {
        String yaml = BASE.replace("max: PT1H }", "max: 1 hour }").replace("quorum: 2", "quorum: two")
                .replace("criticality: LOW", "criticality: TRIVIAL");

        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", yaml))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors())
                        .extracting(PolicyError::path)
                        .contains("rules[1].duration.max", "rules[2].approval.quorum", "systems[1].criticality"));
    }

    @Test
    void read_emptyOrNonMappingDocument_isRefused() {
        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", "")).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", "- a\n- b\n"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", "id: x\nversion: \"1\"\n"))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors())
                        .extracting(PolicyError::path).contains("systems", "rules"));
    }

    @Test
    void read_schemaAndJavaErrors_comeTogether_sortedByLine() {
        assertThat(BASE).contains("    systems: [db]\n    roles: [reader]\n    duration: { default: PT1H, max: PT4H }");
        // the quorum is refused by the schema, the duration and the unknown system by Java
        String yaml = BASE.replace("quorum: 2", "quorum: two").replace("max: PT1H }", "max: 1 hour }")
                .replace("    systems: [db]\n    roles: [reader]\n    duration: { default: PT1H, max: PT4H }",
                        "    systems: [nosuch]\n    roles: [reader]\n    duration: { default: PT1H, max: PT4H }");

        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", yaml))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
                    assertThat(e.errors()).extracting(PolicyError::path).containsExactly("rules[1].duration.max",
                            "rules[2].approval.quorum", "rules[3].systems[0]");
                    assertThat(e.errors()).extracting(PolicyError::line).isSorted();
                });
    }

    /** The schema (policy.schema.json, the reference for the format) lists exactly the domain's enum values. */
    @Test
    void schema_enumsAreTheDomainEnums() {
        JsonNode defs = PolicyReader.SCHEMA_TREE.path("$defs");
        assertThat(names(defs.at("/system/properties/criticality/enum"))).isEqualTo(names(Policy.Criticality.values()));
        assertThat(names(defs.at("/rule/properties/kind/enum"))).isEqualTo(names(RequestKind.values()));
        assertThat(names(defs.at("/rule/properties/origins/items/enum"))).isEqualTo(names(Origin.values()));
        assertThat(names(defs.at("/requesters/properties/types/items/enum"))).isEqualTo(names(PrincipalType.values()));
        assertThat(names(defs.at("/requesters/properties/beneficiaryCheck/enum")))
                .isEqualTo(names(Policy.BeneficiaryCheck.values()));
        assertThat(names(defs.at("/approval/properties/mode/enum"))).isEqualTo(names(ApprovalMode.values()));
    }

    private static List<String> names(JsonNode array) {
        assertThat(array.isArray()).as("an enum in the schema").isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Stream.of(values).map(Enum::name).toList();
    }

    static int lineOf(String text, String marker) {
        int at = text.indexOf(marker);
        assertThat(at).as("marker '%s' in the policy", marker).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
