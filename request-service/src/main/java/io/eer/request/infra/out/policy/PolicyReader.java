package io.eer.request.infra.out.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.eer.request.domain.ApprovalMode;
import io.eer.request.domain.InvalidPolicyException;
import io.eer.request.domain.MfaRequirement;
import io.eer.request.domain.Origin;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyError;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.StreamSupport;

/**
 * Reads a YAML policy and validates all of it before anything becomes active. The structure (types, unknown and
 * missing fields, enums, name patterns) is {@code policy.schema.json} (JSON Schema 2020-12, the reference for the
 * format), checked by networknt's validator; what a schema cannot say (references between rules and systems,
 * durations, patterns compile, approval-mode combinations) is checked here after Jackson binds each clean item.
 * Every error names its line and field (e.g. {@code policy.yaml line 23, rules[1].duration.max: ...}); all errors
 * are reported at once.
 */
public final class PolicyReader {

    /** Time-bound access: no rule may allow more than this. */
    static final Duration LONGEST_GRANT = Duration.ofDays(30);

    static final JsonNode SCHEMA_TREE;
    private static final JsonSchema SCHEMA;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern VERSION = Pattern.compile("[^\\s\\p{Cntrl}]{1,64}");

    static {
        try (InputStream in = PolicyReader.class.getResourceAsStream("/policy.schema.json")) {
            SCHEMA_TREE = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_TREE);
    }

    private final LocatedYaml doc;
    private final List<PolicyError> errors = new ArrayList<>();
    /** JSON pointers the schema refused: items under them are not bound or checked further. */
    private final Set<String> refused = new HashSet<>();

    private PolicyReader(LocatedYaml doc) {
        this.doc = doc;
    }

    /** The validated policy, or {@link InvalidPolicyException} naming every error; {@code source} names the file. */
    public static Policy read(String source, String yaml) {
        LocatedYaml doc;
        try {
            doc = LocatedYaml.parse(yaml);
        } catch (LocatedYaml.SyntaxException e) {
            throw new InvalidPolicyException(source, e.errors);
        }
        PolicyReader reader = new PolicyReader(doc);
        SCHEMA.validate(doc.root()).forEach(reader::schemaError);
        Policy policy = reader.policy();
        if (!reader.errors.isEmpty()) {
            List<PolicyError> sorted = new ArrayList<>(reader.errors);
            sorted.sort(Comparator.comparingInt(PolicyError::line));
            throw new InvalidPolicyException(source, sorted);
        }
        return policy;
    }

    // ---------------------------------------------------------------------------------------------------------
    // schema errors: the instance location (a JSON pointer) gives path and line

    private void schemaError(ValidationMessage m) {
        String at = pointer(m.getInstanceLocation());
        String location = m.getSchemaLocation().toString();
        String keywordAt = location.substring(location.indexOf('#') + 1);
        JsonNode keyword = SCHEMA_TREE.at(keywordAt);
        JsonNode owner = SCHEMA_TREE.at(keywordAt.substring(0, Math.max(keywordAt.lastIndexOf('/'), 0)));
        refused.add(at);
        String property = m.getProperty() != null ? m.getProperty()
                : m.getArguments() != null && m.getArguments().length > 0 ? String.valueOf(m.getArguments()[0]) : "?";
        switch (m.getType()) {
            case "required" -> error(doc.valueLine(at), path(at + "/" + property), "required");
            case "additionalProperties" -> error(doc.line(at + "/" + property), path(at + "/" + property),
                    "unknown field; expected one of " + names(owner.path("properties")));
            case "type" -> error(at, "must be " + switch (keyword.asText()) {
                case "object" -> "a mapping (key: value)";
                case "array" -> "a list ([a, b] or one '- item' per line)";
                case "integer" -> "a whole number";
                case "boolean" -> "true or false";
                case "string" -> "text";
                default -> "text or a number";
            });
            case "enum" -> error(at, shown(m) + "must be " + (owner.has("description")
                    ? owner.get("description").asText() + ": " : "") + "one of " + names(keyword));
            case "pattern" -> error(at, shown(m) + "must be " + owner.path("description").asText("valid"));
            case "maximum" -> error(at, "must be at most " + keyword.asText());
            case "minItems" -> error(at, "must not be empty");
            case "uniqueItems" -> error(at, "must not list a value twice");
            default -> error(at, m.getMessage());
        }
    }

    private static String shown(ValidationMessage m) {
        JsonNode value = m.getInstanceNode();
        return value != null && value.isValueNode() ? "'" + value.asText() + "' " : "";
    }

    private static List<String> names(JsonNode node) {
        return node.isArray() ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
                : fieldNames(node);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String pointer(JsonNodePath location) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            pointer.append('/').append(element instanceof Integer ? element.toString()
                    : element.toString().replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    /** {@code /rules/1/duration/max} as the field name errors use: {@code rules[1].duration.max}. */
    static String path(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // binding (Jackson) of the items the schema accepted; durations stay text so that their errors read well

    record SystemDoc(String id, Policy.Criticality criticality, String connector, List<String> roles,
            ScopeDoc scope) {
    }

    record ScopeDoc(List<String> objects) {
    }

    record RuleDoc(String id, RequestKind kind, String description, RequestersDoc requesters, List<Origin> origins,
            List<String> systems, List<String> roles, DurationDoc duration, ApprovalDoc approval, MfaDoc mfa,
            ReferenceDoc reference, ReviewDoc review) {
    }

    record RequestersDoc(List<String> groups, List<PrincipalType> types, List<String> supervisorGroups,
            Policy.BeneficiaryCheck beneficiaryCheck, List<String> knownEmployees, List<String> knownContractors) {
    }

    record DurationDoc(@JsonProperty("default") String byDefault, String max) {
    }

    record ApprovalDoc(ApprovalMode mode, List<String> approverGroups, Integer quorum, Boolean distinctGroups,
            String decisionTimeout, List<String> escalation, String validity, MfaDoc approverMfa) {
    }

    record MfaDoc(Boolean required, List<String> methods, String maxAge) {
    }

    record ReferenceDoc(boolean required, String pattern) {
    }

    record ReviewDoc(List<String> reviewerGroups, String dueWithin) {
    }

    /** {@code type} bound from the node at {@code at}, or null when the schema refused something in it. */
    private <T> T bind(String at, Class<T> type) {
        if (refused.stream().anyMatch(p -> p.equals(at) || p.startsWith(at + "/"))) {
            return null;
        }
        try {
            return MAPPER.treeToValue(doc.root().at(at), type);
        } catch (IOException | IllegalArgumentException e) { // e.g. a quorum beyond int
            error(at, "cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // semantic checks

    private Policy policy() {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            return null;
        }
        String version = null;
        if (root.has("version") && !refused.contains("/version")) {
            version = root.get("version").asText();
            if (!VERSION.matcher(version).matches()) {
                error("/version", "must be a version label such as \"2026-11-26.1\" (no spaces, at most 64)");
            }
        }
        Map<String, Policy.TargetSystem> systems = new HashMap<>();
        List<Policy.TargetSystem> systemList = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        JsonNode systemNodes = root.path("systems");
        for (int i = 0; i < systemNodes.size(); i++) {
            String id = systemNodes.get(i).path("id").asText(null);
            if (id != null && !declared.add(id)) {
                error("/systems/" + i + "/id", "duplicate system id '" + id + "'");
            }
            SystemDoc s = bind("/systems/" + i, SystemDoc.class);
            if (s != null) {
                List<String> scope = s.scope() == null ? List.of() : s.scope().objects();
                scope(systemsAt(i), scope);
                Policy.TargetSystem system = new Policy.TargetSystem(s.id(), s.criticality(), s.connector(), s.roles(),
                        scope);
                systemList.add(system);
                systems.putIfAbsent(s.id(), system);
            }
        }
        List<Policy.Rule> rules = new ArrayList<>();
        Set<String> ruleIds = new HashSet<>();
        JsonNode ruleNodes = root.path("rules");
        for (int i = 0; i < ruleNodes.size(); i++) {
            String id = ruleNodes.get(i).path("id").asText(null);
            if (id != null && !ruleIds.add(id)) {
                error("/rules/" + i + "/id", "duplicate rule id '" + id + "'");
            }
            RuleDoc r = bind("/rules/" + i, RuleDoc.class);
            if (r != null) {
                rules.add(rule("/rules/" + i, r, systems, declared));
            }
        }
        return errors.isEmpty() ? new Policy(root.path("id").asText(), version,
                root.path("description").asText(null), systemList, rules) : null;
    }

    private static String systemsAt(int i) {
        return "/systems/" + i + "/scope/objects/";
    }

    /** A scope that names every object is no scope: leave it out instead. */
    private void scope(String at, List<String> objects) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).chars().allMatch(c -> c == '*' || c == '.')) {
                error(at + i, "'" + objects.get(i) + "' names every object; leave scope out for no restriction");
            }
        }
    }

    private Policy.Rule rule(String at, RuleDoc r, Map<String, Policy.TargetSystem> systems, Set<String> declared) {
        requesters(at, r);
        for (int i = 0; i < r.systems().size(); i++) {
            Policy.TargetSystem system = systems.get(r.systems().get(i));
            if (!declared.contains(r.systems().get(i))) {
                error(at + "/systems/" + i, "unknown system '" + r.systems().get(i)
                        + "'; declare it under systems (known: " + declared.stream().sorted().toList() + ")");
            } else if (system != null && r.kind() == RequestKind.EMERGENCY && !system.criticality().allowsEmergency()) {
                error(at + "/systems/" + i, "'" + system.id() + "' is " + system.criticality()
                        + "; EMERGENCY rules are for HIGH and CRITICAL systems only");
            }
        }
        if (r.systems().stream().allMatch(systems::containsKey)) {
            for (int i = 0; i < r.roles().size(); i++) {
                String role = r.roles().get(i);
                if (r.systems().stream().noneMatch(s -> systems.get(s).roles().contains(role))) {
                    error(at + "/roles/" + i, "role '" + role + "' is offered by none of " + r.systems());
                }
            }
        }
        Duration max = duration(at + "/duration/max", r.duration().max());
        Duration byDefault = duration(at + "/duration/default", r.duration().byDefault());
        if (max != null && max.compareTo(LONGEST_GRANT) > 0) {
            error(at + "/duration/max", "at most " + LONGEST_GRANT + " (access is time-bound)");
        }
        if (max != null && byDefault != null && byDefault.compareTo(max) > 0) {
            error(at + "/duration/default", "must not exceed max (" + max + ")");
        }
        Policy.Reference reference = Policy.Reference.OPTIONAL;
        if (r.reference() != null) {
            Pattern compiled = null;
            try {
                compiled = r.reference().pattern() == null ? null : Pattern.compile(r.reference().pattern());
            } catch (PatternSyntaxException e) {
                error(at + "/reference/pattern", "not a valid regular expression: " + e.getDescription());
            }
            reference = new Policy.Reference(r.reference().required(), compiled);
        }
        Policy.Approval approval = approval(at + "/approval", r.approval(), r.kind(), reference);
        MfaDoc mfa = r.mfa();
        Policy.Mfa ruleMfa = mfa == null ? Policy.Mfa.NONE : new Policy.Mfa(mfa.required(), orEmpty(mfa.methods()),
                duration(at + "/mfa/maxAge", mfa.maxAge()));
        Policy.Review review = r.review() == null ? null : new Policy.Review(r.review().reviewerGroups(),
                duration(at + "/review/dueWithin", r.review().dueWithin()));
        return new Policy.Rule(r.id(), r.kind(), r.description(), requesters(r), r.origins(), r.systems(), r.roles(),
                new Policy.Durations(byDefault, max), approval, ruleMfa, reference, review);
    }

    private static Policy.Requesters requesters(RuleDoc r) {
        RequestersDoc q = r.requesters();
        return new Policy.Requesters(orEmpty(q.groups()), q.types(), orEmpty(q.supervisorGroups()),
                q.beneficiaryCheck(), orEmpty(q.knownEmployees()), orEmpty(q.knownContractors()));
    }

    private void requesters(String rule, RuleDoc r) {
        RequestersDoc q = r.requesters();
        String at = rule + "/requesters";
        boolean onBehalf = r.origins().contains(Origin.ON_BEHALF);
        boolean listed = q.beneficiaryCheck() == Policy.BeneficiaryCheck.LISTED;
        List<String> employees = orEmpty(q.knownEmployees());
        List<String> contractors = orEmpty(q.knownContractors());
        if (q.groups() == null && r.origins().stream().anyMatch(o -> o != Origin.ON_BEHALF)) {
            requiredError(at + "/groups", "required");
        }
        if (listed && employees.isEmpty() && contractors.isEmpty()) {
            requiredError(at + "/knownEmployees", "beneficiaryCheck LISTED needs knownEmployees or "
                    + "knownContractors: the beneficiaries the rule accepts");
        }
        if (!listed && (!employees.isEmpty() || !contractors.isEmpty())) {
            error(at + (employees.isEmpty() ? "/knownContractors" : "/knownEmployees"),
                    "only meaningful with beneficiaryCheck: LISTED");
        }
        employees.stream().filter(contractors::contains).forEach(id -> error(at + "/knownContractors",
                "'" + id + "' is also in knownEmployees: a beneficiary has one type"));
        if (onBehalf && q.supervisorGroups() == null) {
            requiredError(at + "/supervisorGroups", "required when origins include ON_BEHALF: who may request for "
                    + "someone else");
        }
        if (onBehalf && q.beneficiaryCheck() == null) {
            requiredError(at + "/beneficiaryCheck", "required when origins include ON_BEHALF: "
                    + "SUPERVISOR_ASSERTED (take the supervisor's word for the beneficiary) or LISTED");
        }
        if (!onBehalf && q.beneficiaryCheck() != null) {
            error(at + "/beneficiaryCheck", "only meaningful when origins include ON_BEHALF");
        }
        if (!onBehalf && q.supervisorGroups() != null) {
            error(at + "/supervisorGroups", "only meaningful when origins include ON_BEHALF");
        }
        if (r.origins().contains(Origin.EMPLOYEE_SELF) && !q.types().contains(PrincipalType.EMPLOYEE)) {
            error(rule + "/origins", "EMPLOYEE_SELF needs EMPLOYEE in requesters.types");
        }
        if (r.origins().contains(Origin.CONTRACTOR_SELF) && !q.types().contains(PrincipalType.CONTRACTOR)) {
            error(rule + "/origins", "CONTRACTOR_SELF needs CONTRACTOR in requesters.types");
        }
    }

    private Policy.Approval approval(String at, ApprovalDoc a, RequestKind kind, Policy.Reference reference) {
        int quorum;
        switch (a.mode()) {
            case PRE_APPROVED -> {
                quorum = 0;
                if (kind != RequestKind.EMERGENCY) {
                    error(at + "/mode", "PRE_APPROVED is for EMERGENCY (break-glass) rules only");
                }
                if (!reference.required()) {
                    error(at + "/mode", "PRE_APPROVED needs an incident reference: set reference.required: true");
                }
                if (a.quorum() != null && a.quorum() != 0) {
                    error(at + "/quorum", "PRE_APPROVED has no approvers: 0 or absent");
                }
                notFor(at, a.mode(), "distinctGroups", "decisionTimeout", "escalation", "validity", "approverMfa");
            }
            case EXPEDITED -> {
                quorum = 1;
                if (a.quorum() != null && a.quorum() != 1) {
                    error(at + "/quorum", "EXPEDITED takes one approver: 1 or absent");
                }
                notFor(at, a.mode(), "distinctGroups", "validity");
            }
            default -> {
                quorum = a.quorum() == null ? 1 : a.quorum();
                if (quorum < 1) {
                    error(at + "/quorum", "STANDARD needs at least 1 approver");
                }
                if (Boolean.TRUE.equals(a.distinctGroups()) && quorum > a.approverGroups().size()) {
                    error(at + "/quorum", "quorum " + quorum + " approvers from distinct groups needs at least "
                            + quorum + " approverGroups, there are " + a.approverGroups().size());
                }
                notFor(at, a.mode(), "decisionTimeout", "escalation");
            }
        }
        MfaRequirement approverMfa = a.approverMfa() == null ? null : new MfaRequirement(a.approverMfa().methods(),
                duration(at + "/approverMfa/maxAge", a.approverMfa().maxAge()));
        return new Policy.Approval(a.mode(), a.approverGroups(), quorum, Boolean.TRUE.equals(a.distinctGroups()),
                duration(at + "/decisionTimeout", a.decisionTimeout()), orEmpty(a.escalation()),
                duration(at + "/validity", a.validity()), approverMfa);
    }

    private void notFor(String at, ApprovalMode mode, String... fields) {
        for (String field : fields) {
            if (doc.root().at(at).has(field)) {
                error(at + "/" + field, "does not apply to " + mode + " approval");
            }
        }
    }

    /** A positive ISO-8601 duration, null when absent or wrong (reported). */
    private Duration duration(String at, String text) {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isZero() || duration.isNegative()) {
                error(at, "must be positive");
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            error(at, "'" + text + "' is not an ISO-8601 duration such as PT1H, PT30M or P2D");
            return null;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** An error at a field that is there: its line. */
    private void error(String pointer, String message) {
        error(doc.line(pointer), path(pointer), message);
    }

    /** An error about a missing field: the line of the mapping that lacks it. */
    private void requiredError(String pointer, String message) {
        error(doc.valueLine(pointer), path(pointer), message);
    }

    private void error(int line, String path, String message) {
        errors.add(new PolicyError(line, path, message));
    }
}
