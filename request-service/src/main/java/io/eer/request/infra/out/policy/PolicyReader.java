package io.eer.request.infra.out.policy;

import io.eer.request.domain.ApprovalMode;
import io.eer.request.domain.MfaRequirement;
import io.eer.request.domain.Origin;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestKind;
import io.eer.request.domain.InvalidPolicyException;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyError;
import io.eer.request.infra.out.policy.YamlTree.Entry;
import io.eer.request.infra.out.policy.YamlTree.ListNode;
import io.eer.request.infra.out.policy.YamlTree.MapNode;
import io.eer.request.infra.out.policy.YamlTree.Node;
import io.eer.request.infra.out.policy.YamlTree.Scalar;
import io.eer.request.infra.out.policy.YamlTree.ScalarKind;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a YAML policy and validates all of it before anything becomes active: types, unknown and missing fields,
 * references between rules and systems, durations, approval settings, patterns. Every error names its line and
 * field (e.g. {@code policy.yaml line 23, rules[1].duration.max: must be an ISO-8601 duration such as PT1H}); all
 * errors are reported at once. The format is documented in request-service/README.md.
 */
public final class PolicyReader {

    /** RFC 8176 authentication method reference values. */
    static final Set<String> AMR_VALUES = Set.of("face", "fpt", "geo", "hwk", "iris", "kba", "mca", "mfa", "otp",
            "pin", "pop", "pwd", "rba", "retina", "sc", "sms", "swk", "tel", "user", "vbm", "wia");
    /** Time-bound access: no rule may allow more than this. */
    static final Duration LONGEST_GRANT = Duration.ofDays(30);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern GROUP = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");
    /** A beneficiary id as a request names it: the token sub of someone else, without spaces or control characters. */
    private static final Pattern BENEFICIARY = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");

    private final List<PolicyError> errors = new ArrayList<>();

    private PolicyReader() {
    }

    /** The validated policy, or {@link InvalidPolicyException} naming every error; {@code source} names the file. */
    public static Policy read(String source, String yaml) {
        Node root;
        try {
            root = YamlTree.parse(yaml);
        } catch (YamlTree.SyntaxException e) {
            throw new InvalidPolicyException(source, e.errors());
        }
        PolicyReader reader = new PolicyReader();
        Policy policy = reader.policy(root);
        if (!reader.errors.isEmpty() || policy == null) {
            List<PolicyError> sorted = new ArrayList<>(reader.errors);
            sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
            throw new InvalidPolicyException(source, sorted);
        }
        return policy;
    }

    // ---------------------------------------------------------------------------------------------------------
    // document

    private Policy policy(Node root) {
        Obj doc = object(root, "", "id", "version", "description", "systems", "rules");
        if (doc == null) {
            return null;
        }
        String id = doc.id("id", true);
        String version = doc.version();
        String description = doc.string("description", false);
        doc.listNode("systems", true);
        doc.listNode("rules", true);
        List<Policy.TargetSystem> systems = new ArrayList<>();
        doc.list("systems", true).forEach(item -> {
            Policy.TargetSystem system = system(item);
            if (system != null) {
                systems.add(system);
            }
        });
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < systems.size(); i++) {
            if (!seen.add(systems.get(i).id())) {
                error(doc.list("systems", true).get(i).node(), "systems[" + i + "].id",
                        "duplicate system id '" + systems.get(i).id() + "'");
            }
        }
        Map<String, Policy.TargetSystem> byId = new HashMap<>();
        systems.forEach(s -> byId.putIfAbsent(s.id(), s));

        List<Policy.Rule> rules = new ArrayList<>();
        Set<String> ruleIds = new HashSet<>();
        for (Item item : doc.list("rules", true)) {
            Policy.Rule rule = rule(item, byId);
            if (rule != null) {
                if (!ruleIds.add(rule.id())) {
                    error(item.node(), item.path() + ".id", "duplicate rule id '" + rule.id() + "'");
                }
                rules.add(rule);
            }
        }
        if (id == null || version == null) {
            return null;
        }
        return new Policy(id, version, description, systems, rules);
    }

    private Policy.TargetSystem system(Item item) {
        Obj o = object(item.node(), item.path(), "id", "criticality", "connector", "roles", "description");
        if (o == null) {
            return null;
        }
        String id = o.id("id", true);
        Policy.Criticality criticality = o.enumValue("criticality", Policy.Criticality.class, true);
        String connector = o.id("connector", true);
        o.string("description", false);
        List<String> roles = o.names("roles", true, ROLE, "a role name (letters, digits, _; not starting with a digit)");
        if (id == null || criticality == null || connector == null || roles == null) {
            return null;
        }
        return new Policy.TargetSystem(id, criticality, connector, roles);
    }

    // ---------------------------------------------------------------------------------------------------------
    // rules

    private Policy.Rule rule(Item item, Map<String, Policy.TargetSystem> systems) {
        Obj o = object(item.node(), item.path(), "id", "kind", "description", "requesters", "origins", "systems",
                "roles", "duration", "approval", "mfa", "reference", "review");
        if (o == null) {
            return null;
        }
        String id = o.id("id", true);
        RequestKind kind = o.enumValue("kind", RequestKind.class, true);
        String description = o.string("description", false);
        List<Origin> origins = o.enumList("origins", Origin.class, true);
        Policy.Requesters requesters = requesters(o, origins);
        List<String> ruleSystems = o.names("systems", true, ID, "a system id");
        List<String> roles = o.names("roles", true, ROLE, "a role name");
        checkScope(o, kind, ruleSystems, roles, systems);
        Policy.Durations duration = durations(o);
        Policy.Reference reference = reference(o);
        Policy.Approval approval = approval(o, kind, reference);
        Policy.Mfa mfa = mfa(o);
        Policy.Review review = review(o, kind);
        if (id == null || kind == null || origins == null || requesters == null || ruleSystems == null
                || roles == null || duration == null || approval == null || mfa == null || reference == null) {
            return null;
        }
        return new Policy.Rule(id, kind, description, requesters, origins, ruleSystems, roles, duration, approval,
                mfa, reference, review);
    }

    private Policy.Requesters requesters(Obj rule, List<Origin> origins) {
        Obj o = rule.object("requesters", true, "groups", "types", "supervisorGroups", "beneficiaryCheck",
                "knownEmployees", "knownContractors");
        if (o == null) {
            return null;
        }
        boolean selfOrigins = origins == null || origins.stream().anyMatch(origin -> origin != Origin.ON_BEHALF);
        List<String> groups = o.names("groups", selfOrigins, GROUP, "a group name");
        List<PrincipalType> types = o.enumList("types", PrincipalType.class, true);
        List<String> supervisors = o.names("supervisorGroups", false, GROUP, "a group name");
        Policy.BeneficiaryCheck check = o.enumValue("beneficiaryCheck", Policy.BeneficiaryCheck.class, false);
        List<String> knownEmployees = orEmpty(o.names("knownEmployees", false, BENEFICIARY, "a user id"));
        List<String> knownContractors = orEmpty(o.names("knownContractors", false, BENEFICIARY, "a user id"));
        boolean listed = check == Policy.BeneficiaryCheck.LISTED;
        if (listed && knownEmployees.isEmpty() && knownContractors.isEmpty()) {
            error(o.node, o.path + ".knownEmployees", "beneficiaryCheck LISTED needs knownEmployees or "
                    + "knownContractors: the beneficiaries the rule accepts");
        }
        if (!listed && (!knownEmployees.isEmpty() || !knownContractors.isEmpty())) {
            error(o.entryLine(knownEmployees.isEmpty() ? "knownContractors" : "knownEmployees"),
                    o.path + (knownEmployees.isEmpty() ? ".knownContractors" : ".knownEmployees"),
                    "only meaningful with beneficiaryCheck: LISTED");
        }
        for (String id : knownEmployees) {
            if (knownContractors.contains(id)) {
                error(o.entryLine("knownContractors"), o.path + ".knownContractors", "'" + id
                        + "' is also in knownEmployees: a beneficiary has one type");
            }
        }
        if (groups == null) {
            groups = List.of();
        }
        if (supervisors == null) {
            supervisors = List.of();
        }
        if (origins != null) {
            boolean onBehalf = origins.contains(Origin.ON_BEHALF);
            if (onBehalf && supervisors.isEmpty()) {
                error(o.node, o.path + ".supervisorGroups",
                        "required when origins include ON_BEHALF: who may request for someone else");
            }
            if (onBehalf && check == null) {
                error(o.node, o.path + ".beneficiaryCheck", "required when origins include ON_BEHALF: "
                        + "SUPERVISOR_ASSERTED (take the supervisor's word for the beneficiary) or LISTED");
            }
            if (!onBehalf && o.node.entries().containsKey("beneficiaryCheck")) {
                error(o.entryLine("beneficiaryCheck"), o.path + ".beneficiaryCheck",
                        "only meaningful when origins include ON_BEHALF");
            }
            if (!onBehalf && !supervisors.isEmpty()) {
                error(o.entryLine("supervisorGroups"), o.path + ".supervisorGroups",
                        "only meaningful when origins include ON_BEHALF");
            }
            if (types != null) {
                if (origins.contains(Origin.EMPLOYEE_SELF) && !types.contains(PrincipalType.EMPLOYEE)) {
                    error(rule.entryLine("origins"), rule.path + ".origins",
                            "EMPLOYEE_SELF needs EMPLOYEE in requesters.types");
                }
                if (origins.contains(Origin.CONTRACTOR_SELF) && !types.contains(PrincipalType.CONTRACTOR)) {
                    error(rule.entryLine("origins"), rule.path + ".origins",
                            "CONTRACTOR_SELF needs CONTRACTOR in requesters.types");
                }
            }
        }
        if (types == null) {
            return null;
        }
        return new Policy.Requesters(groups, types, supervisors, check, knownEmployees, knownContractors);
    }

    private void checkScope(Obj rule, RequestKind kind, List<String> ruleSystems, List<String> roles,
            Map<String, Policy.TargetSystem> systems) {
        if (ruleSystems == null) {
            return;
        }
        List<Item> systemItems = rule.list("systems", true);
        for (int i = 0; i < ruleSystems.size(); i++) {
            Policy.TargetSystem system = systems.get(ruleSystems.get(i));
            Node at = i < systemItems.size() ? systemItems.get(i).node() : rule.node;
            if (system == null) {
                error(at, rule.path + ".systems[" + i + "]", "unknown system '" + ruleSystems.get(i)
                        + "'; declare it under systems (known: " + systems.keySet().stream().sorted().toList() + ")");
            } else if (kind == RequestKind.EMERGENCY && !system.criticality().allowsEmergency()) {
                error(at, rule.path + ".systems[" + i + "]", "'" + system.id() + "' is " + system.criticality()
                        + "; EMERGENCY rules are for HIGH and CRITICAL systems only");
            }
        }
        if (roles == null) {
            return;
        }
        List<Item> roleItems = rule.list("roles", true);
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            boolean offered = ruleSystems.stream().map(systems::get)
                    .anyMatch(s -> s != null && s.roles().contains(role));
            boolean systemsKnown = ruleSystems.stream().allMatch(systems::containsKey);
            if (!offered && systemsKnown) {
                error(i < roleItems.size() ? roleItems.get(i).node() : rule.node, rule.path + ".roles[" + i + "]",
                        "role '" + role + "' is offered by none of " + ruleSystems);
            }
        }
    }

    private Policy.Durations durations(Obj rule) {
        Obj o = rule.object("duration", true, "default", "max");
        if (o == null) {
            return null;
        }
        Duration max = o.duration("max", true);
        Duration byDefault = o.duration("default", true);
        if (max != null && max.compareTo(LONGEST_GRANT) > 0) {
            error(o.entryLine("max"), o.path + ".max", "at most " + LONGEST_GRANT + " (access is time-bound)");
        }
        if (max != null && byDefault != null && byDefault.compareTo(max) > 0) {
            error(o.entryLine("default"), o.path + ".default", "must not exceed max (" + max + ")");
        }
        return max == null || byDefault == null ? null : new Policy.Durations(byDefault, max);
    }

    private Policy.Reference reference(Obj rule) {
        Obj o = rule.object("reference", false, "required", "pattern");
        if (o == null) {
            return rule.has("reference") ? null : Policy.Reference.OPTIONAL;
        }
        Boolean required = o.bool("required", true);
        String pattern = o.string("pattern", false);
        Pattern compiled = null;
        if (pattern != null) {
            try {
                compiled = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                error(o.entryLine("pattern"), o.path + ".pattern", "not a valid regular expression: "
                        + e.getDescription());
                return null;
            }
        }
        return required == null ? null : new Policy.Reference(required, compiled);
    }

    private Policy.Approval approval(Obj rule, RequestKind kind, Policy.Reference reference) {
        Obj o = rule.object("approval", true, "mode", "approverGroups", "quorum", "distinctGroups",
                "decisionTimeout", "escalation", "validity", "approverMfa");
        if (o == null) {
            return null;
        }
        ApprovalMode mode = o.enumValue("mode", ApprovalMode.class, true);
        if (mode == null) {
            return null;
        }
        String path = o.path;
        // required for PRE_APPROVED too: the group that oversees break-glass (approval-service needs at least one)
        List<String> groups = orEmpty(o.names("approverGroups", true, GROUP, "a group name"));
        Integer quorum = o.integer("quorum", false);
        Boolean distinct = o.bool("distinctGroups", false);
        Duration timeout = o.duration("decisionTimeout", mode == ApprovalMode.EXPEDITED);
        List<String> escalation = orEmpty(o.names("escalation", mode == ApprovalMode.EXPEDITED, GROUP, "a group name"));
        Duration validity = o.duration("validity", false);
        MfaRequirement approverMfa = approverMfa(o);
        int effectiveQuorum;
        switch (mode) {
            case PRE_APPROVED -> {
                effectiveQuorum = 0;
                if (kind != null && kind != RequestKind.EMERGENCY) {
                    error(o.entryLine("mode"), path + ".mode", "PRE_APPROVED is for EMERGENCY (break-glass) rules only");
                }
                if (reference != null && !reference.required()) {
                    error(o.entryLine("mode"), path + ".mode",
                            "PRE_APPROVED needs an incident reference: set reference.required: true");
                }
                if (quorum != null && quorum != 0) {
                    error(o.entryLine("quorum"), path + ".quorum", "PRE_APPROVED has no approvers: 0 or absent");
                }
                notFor(o, mode, "distinctGroups", "decisionTimeout", "escalation", "validity", "approverMfa");
            }
            case EXPEDITED -> {
                effectiveQuorum = 1;
                if (quorum != null && quorum != 1) {
                    error(o.entryLine("quorum"), path + ".quorum", "EXPEDITED takes one approver: 1 or absent");
                }
                notFor(o, mode, "distinctGroups", "validity");
                if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                    error(o.entryLine("decisionTimeout"), path + ".decisionTimeout", "must be positive");
                }
            }
            default -> {
                effectiveQuorum = quorum == null ? 1 : quorum;
                if (quorum != null && quorum < 1) {
                    error(o.entryLine("quorum"), path + ".quorum", "STANDARD needs at least 1 approver");
                }
                if (Boolean.TRUE.equals(distinct) && effectiveQuorum > groups.size()) {
                    error(o.entryLine("quorum"), path + ".quorum", "quorum " + effectiveQuorum
                            + " approvers from distinct groups needs at least " + effectiveQuorum
                            + " approverGroups, there are " + groups.size());
                }
                notFor(o, mode, "decisionTimeout", "escalation");
            }
        }
        if (validity != null && (validity.isZero() || validity.isNegative())) {
            error(o.entryLine("validity"), path + ".validity", "must be positive");
        }
        return new Policy.Approval(mode, groups, effectiveQuorum, Boolean.TRUE.equals(distinct), timeout, escalation,
                validity, approverMfa);
    }

    private MfaRequirement approverMfa(Obj approval) {
        Obj o = approval.object("approverMfa", false, "methods", "maxAge");
        if (o == null) {
            return null;
        }
        List<String> methods = amr(o);
        Duration maxAge = o.duration("maxAge", false);
        return methods == null ? null : new MfaRequirement(methods, maxAge);
    }

    private void notFor(Obj o, ApprovalMode mode, String... fields) {
        for (String field : fields) {
            if (o.has(field)) {
                error(o.entryLine(field), o.path + "." + field, "does not apply to " + mode + " approval");
            }
        }
    }

    private Policy.Mfa mfa(Obj rule) {
        Obj o = rule.object("mfa", false, "required", "methods", "maxAge");
        if (o == null) {
            return rule.has("mfa") ? null : Policy.Mfa.NONE;
        }
        Boolean required = o.bool("required", true);
        List<String> methods = Boolean.TRUE.equals(required) ? amr(o) : orEmpty(o.names("methods", false, GROUP, "an amr value"));
        Duration maxAge = o.duration("maxAge", false);
        if (required == null || methods == null) {
            return null;
        }
        return new Policy.Mfa(required, methods, maxAge);
    }

    private List<String> amr(Obj o) {
        List<String> methods = o.names("methods", true, GROUP, "an amr value");
        if (methods == null) {
            return null;
        }
        List<Item> items = o.list("methods", true);
        for (int i = 0; i < methods.size(); i++) {
            if (!AMR_VALUES.contains(methods.get(i))) {
                error(items.get(i).node(), o.path + ".methods[" + i + "]", "'" + methods.get(i)
                        + "' is not an RFC 8176 amr value (" + AMR_VALUES.stream().sorted().toList() + ")");
            }
        }
        return methods;
    }

    private Policy.Review review(Obj rule, RequestKind kind) {
        Obj o = rule.object("review", kind == RequestKind.EMERGENCY, "reviewerGroups", "dueWithin");
        if (o == null) {
            return null;
        }
        List<String> groups = o.names("reviewerGroups", true, GROUP, "a group name");
        Duration due = o.duration("dueWithin", true);
        return groups == null || due == null ? null : new Policy.Review(groups, due);
    }

    // ---------------------------------------------------------------------------------------------------------
    // typed access to the tree, recording errors

    private record Item(Node node, String path) {
    }

    private Obj object(Node node, String path, String... allowed) {
        if (!(node instanceof MapNode map)) {
            error(node, path.isEmpty() ? "(document)" : path, "must be a mapping (key: value)");
            return null;
        }
        Set<String> fields = new LinkedHashSet<>(Arrays.asList(allowed));
        for (Entry entry : map.entries().values()) {
            if (!fields.contains(entry.key())) {
                error(entry.line(), join(path, entry.key()), "unknown field; expected one of " + fields);
            }
        }
        return new Obj(map, path);
    }

    private final class Obj {
        final MapNode node;
        final String path;

        Obj(MapNode node, String path) {
            this.node = node;
            this.path = path;
        }

        boolean has(String key) {
            Entry entry = node.entries().get(key);
            return entry != null && !(entry.value() instanceof Scalar s && s.kind() == ScalarKind.NULL);
        }

        int entryLine(String key) {
            Entry entry = node.entries().get(key);
            return entry == null ? node.line() : entry.line();
        }

        private Node value(String key, boolean required) {
            if (!has(key)) {
                if (required) {
                    error(node, join(path, key), "required");
                }
                return null;
            }
            return node.entries().get(key).value();
        }

        Obj object(String key, boolean required, String... allowed) {
            Node value = value(key, required);
            return value == null ? null : PolicyReader.this.object(value, join(path, key), allowed);
        }

        String string(String key, boolean required) {
            Node value = value(key, required);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Scalar s) || s.kind() != ScalarKind.STRING) {
                error(value, join(path, key), "must be text");
                return null;
            }
            if (s.text().isBlank()) {
                error(value, join(path, key), "must not be blank");
                return null;
            }
            return s.text();
        }

        String id(String key, boolean required) {
            String text = string(key, required);
            if (text != null && !ID.matcher(text).matches()) {
                error(value(key, true), join(path, key), "'" + text
                        + "' is not a valid id (letters, digits, '.', '_', '-'; at most 64)");
                return null;
            }
            return text;
        }

        /** The policy version: text or a number, at most 64 characters. */
        String version() {
            Node value = value("version", true);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Scalar s) || s.kind() == ScalarKind.BOOLEAN || s.kind() == ScalarKind.NULL
                    || s.text().isBlank() || s.text().length() > 64 || !GROUP.matcher(s.text()).matches()) {
                error(value, "version", "must be a version label such as \"2026-11-26.1\" (no spaces, at most 64)");
                return null;
            }
            return s.text();
        }

        Boolean bool(String key, boolean required) {
            Node value = value(key, required);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Scalar s) || s.kind() != ScalarKind.BOOLEAN) {
                error(value, join(path, key), "must be true or false");
                return null;
            }
            return Boolean.parseBoolean(s.text());
        }

        Integer integer(String key, boolean required) {
            Node value = value(key, required);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Scalar s) || s.kind() != ScalarKind.INTEGER) {
                error(value, join(path, key), "must be a whole number");
                return null;
            }
            try {
                return Integer.parseInt(s.text());
            } catch (NumberFormatException e) {
                error(value, join(path, key), "must be a whole number");
                return null;
            }
        }

        Duration duration(String key, boolean required) {
            Node value = value(key, required);
            if (value == null) {
                return null;
            }
            String field = join(path, key);
            if (!(value instanceof Scalar s) || s.kind() != ScalarKind.STRING) {
                error(value, field, "must be an ISO-8601 duration such as PT1H");
                return null;
            }
            try {
                Duration duration = Duration.parse(s.text());
                if (duration.isZero() || duration.isNegative()) {
                    error(value, field, "must be positive");
                    return null;
                }
                return duration;
            } catch (DateTimeParseException e) {
                error(value, field, "'" + s.text() + "' is not an ISO-8601 duration such as PT1H, PT30M or P2D");
                return null;
            }
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
            Node value = value(key, required);
            return value == null ? null : PolicyReader.this.enumValue(value, join(path, key), type);
        }

        /** The items of a list field for walking it; {@link #listNode} reports a missing or mistyped one. */
        List<Item> list(String key, boolean required) {
            Node value = node.entries().containsKey(key) ? node.entries().get(key).value() : null;
            if (!(value instanceof ListNode list)) {
                return List.of();
            }
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                items.add(new Item(list.items().get(i), join(path, key) + "[" + i + "]"));
            }
            return items;
        }

        ListNode listNode(String key, boolean required) {
            Node value = value(key, required);
            if (value == null) {
                return null;
            }
            if (!(value instanceof ListNode list)) {
                error(value, join(path, key), "must be a list ([a, b] or one '- item' per line)");
                return null;
            }
            if (list.items().isEmpty() && required) {
                error(value, join(path, key), "must not be empty");
                return null;
            }
            return list;
        }

        /** A list of distinct names, each matching {@code pattern}. */
        List<String> names(String key, boolean required, Pattern pattern, String what) {
            ListNode list = listNode(key, required);
            if (list == null) {
                return null;
            }
            List<String> names = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String itemPath = join(path, key) + "[" + i + "]";
                if (!(item instanceof Scalar s) || s.kind() != ScalarKind.STRING || !pattern.matcher(s.text()).matches()) {
                    error(item, itemPath, "must be " + what);
                    ok = false;
                } else if (names.contains(s.text())) {
                    error(item, itemPath, "'" + s.text() + "' is listed twice");
                    ok = false;
                } else {
                    names.add(s.text());
                }
            }
            return ok ? names : null;
        }

        <E extends Enum<E>> List<E> enumList(String key, Class<E> type, boolean required) {
            ListNode list = listNode(key, required);
            if (list == null) {
                return null;
            }
            List<E> values = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < list.items().size(); i++) {
                E value = PolicyReader.this.enumValue(list.items().get(i), join(path, key) + "[" + i + "]", type);
                if (value == null) {
                    ok = false;
                } else if (values.contains(value)) {
                    error(list.items().get(i), join(path, key) + "[" + i + "]", value + " is listed twice");
                    ok = false;
                } else {
                    values.add(value);
                }
            }
            return ok ? values : null;
        }
    }

    private <E extends Enum<E>> E enumValue(Node value, String path, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (value instanceof Scalar s && s.kind() == ScalarKind.STRING && names.contains(s.text())) {
            return Enum.valueOf(type, s.text());
        }
        String shown = value instanceof Scalar s && s.text() != null ? "'" + s.text() + "' " : "";
        error(value, path, shown + "must be one of " + names);
        return null;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void error(Node node, String path, String message) {
        errors.add(new PolicyError(node == null ? 0 : node.line(), path, message));
    }

    private void error(int line, String path, String message) {
        errors.add(new PolicyError(line, path, message));
    }
}
