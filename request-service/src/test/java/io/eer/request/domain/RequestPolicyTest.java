package io.eer.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.eer.request.domain.ApprovalMode;
import io.eer.request.domain.MfaEvidence;
import io.eer.request.domain.Origin;
import io.eer.request.domain.Principal;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestKind;
import io.eer.request.domain.RuleViolation;
import io.eer.request.infra.out.RequestEventMapping;
import io.eer.request.infra.out.policy.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy + request + token → decision and reasons, for every way a request is accepted or refused, against
 * {@code policies/base.yaml}.
 */
class RequestPolicyTest {

    static final Policy POLICY = PolicyReader.read("base.yaml", read("/policies/base.yaml"));
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    static String read(String name) {
        try (InputStream in = RequestPolicyTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // tokens --------------------------------------------------------------------------------------------------

    record Token(String sub, PrincipalType type, List<String> groups, List<String> amr, Duration authAge) {
        Requester requester() {
            return new Requester(new Principal(sub, type, groups), new MfaEvidence(amr, NOW.minus(authAge)));
        }

        Token withoutMfa() {
            return new Token(sub, type, groups, List.of("pwd"), authAge);
        }

        Token authenticatedAgo(Duration age) {
            return new Token(sub, type, groups, amr, age);
        }

        Token type(PrincipalType other) {
            return new Token(sub, other, groups, amr, authAge);
        }
    }

    static final List<String> MFA = List.of("pwd", "mfa", "otp");
    static final Duration FRESH = Duration.ofMinutes(2);
    static final Token DBA = new Token("erin", PrincipalType.EMPLOYEE, List.of("oncall"), MFA, FRESH);
    static final Token CONTRACTOR_DBA = new Token("carol", PrincipalType.CONTRACTOR, List.of("oncall"), MFA, FRESH);
    static final Token APP = new Token("app", PrincipalType.EMPLOYEE, List.of("app-oncall"), List.of("pwd"), FRESH);
    static final Token BOTH = new Token("bo", PrincipalType.EMPLOYEE, List.of("oncall", "app-oncall"), MFA, FRESH);
    static final Token LEAD = new Token("lee", PrincipalType.EMPLOYEE, List.of("leads"), MFA, FRESH);
    static final Token OUTSIDER = new Token("olga", PrincipalType.EMPLOYEE, List.of("devs"), MFA, FRESH);

    // requests ------------------------------------------------------------------------------------------------

    static RequestedAccess emergency(Origin origin, String system, String role, String duration, String incident) {
        return new RequestedAccess(RequestKind.EMERGENCY, origin, null, system, role,
                duration == null ? null : Duration.parse(duration), "db locked", incident, null);
    }

    static RequestedAccess breakGlass() {
        return emergency(Origin.EMPLOYEE_SELF, "db", "admin", "PT30M", "INC-1");
    }

    static RequestedAccess jit(String system, String role, String ticket) {
        return new RequestedAccess(RequestKind.JIT, Origin.EMPLOYEE_SELF, null, system, role, Duration.ofHours(2),
                "monthly check", null, ticket);
    }

    static RequestedAccess onBehalf(String beneficiary, PrincipalType type, String ticket) {
        return new RequestedAccess(RequestKind.JIT, Origin.ON_BEHALF,
                beneficiary == null ? null : new RequestedAccess.Beneficiary(beneficiary, type), "db", "reader", null,
                "new contractor needs to read", null, ticket);
    }

    static RequestedAccess with(RequestedAccess r, Origin origin) {
        return new RequestedAccess(r.kind(), origin, r.beneficiary(), r.system(), r.role(), r.duration(),
                r.justification(), r.incident(), r.ticket());
    }

    // the table -----------------------------------------------------------------------------------------------

    /** Accepted: which rule and which duration. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("break-glass for an on-call employee with fresh MFA", DBA, breakGlass(), "break-glass", "PT30M"),
                arguments("break-glass for an on-call contractor", CONTRACTOR_DBA,
                        with(breakGlass(), Origin.CONTRACTOR_SELF), "break-glass", "PT30M"),
                arguments("no duration: the rule's default", DBA, emergency(Origin.EMPLOYEE_SELF, "db", "admin", null,
                        "INC-1"), "break-glass", "PT30M"),
                arguments("exactly the maximum", DBA, emergency(Origin.EMPLOYEE_SELF, "db", "admin", "PT1H", "INC-1"),
                        "break-glass", "PT1H"),
                arguments("MFA exactly at its maximum age", DBA.authenticatedAgo(Duration.ofMinutes(15)), breakGlass(),
                        "break-glass", "PT30M"),
                arguments("expedited needs no MFA and any incident text", APP,
                        emergency(Origin.EMPLOYEE_SELF, "db", "reader", "PT90M", "outage-7"), "expedited", "PT1H30M"),
                arguments("first accepting rule in file order wins", BOTH,
                        emergency(Origin.EMPLOYEE_SELF, "db", "reader", "PT30M", "INC-2"), "expedited", "PT30M"),
                arguments("a later rule accepts what the first does not cover", BOTH, breakGlass(), "break-glass",
                        "PT30M"),
                arguments("JIT without a ticket (optional)", DBA, jit("db", "reader", null), "jit", "PT2H"),
                arguments("JIT with a ticket matching the pattern", DBA, jit("wiki", "editor", "TCK-42"), "jit", "PT2H"),
                arguments("on behalf of a contractor by a lead", LEAD, onBehalf("dave", PrincipalType.CONTRACTOR,
                        "TCK-9"), "on-behalf", "PT1H"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void evaluate_accepts(String name, Token token, RequestedAccess request, String rule, String duration) {
        PolicyDecision decision = RequestPolicy.evaluate(POLICY, request, token.requester(), NOW);

        assertThat(decision).isInstanceOfSatisfying(PolicyDecision.Accepted.class, accepted -> {
            assertThat(accepted.rule().id()).isEqualTo(rule);
            assertThat(accepted.duration()).isEqualTo(Duration.parse(duration));
            assertThat(accepted.checks()).filteredOn(PolicyDecision.RuleCheck::selected)
                    .singleElement().satisfies(check -> assertThat(check.ruleId()).isEqualTo(rule));
        });
    }

    /** Refused: the (field, rule) pairs reported, and whether stepping up authentication would help. */
    static Stream<Arguments> refused() {
        return Stream.of(
                refusal("duration above the rule's maximum", DBA,
                        emergency(Origin.EMPLOYEE_SELF, "db", "admin", "PT2H", "INC-1"), "duration:max-duration"),
                refusal("duration zero", DBA, emergency(Origin.EMPLOYEE_SELF, "db", "admin", "PT0S", "INC-1"),
                        "duration:positive"),
                refusal("negative duration", DBA, emergency(Origin.EMPLOYEE_SELF, "db", "admin", "-PT5M", "INC-1"),
                        "duration:positive"),
                refusal("incident missing", DBA, emergency(Origin.EMPLOYEE_SELF, "db", "admin", "PT30M", null),
                        "incident:incident-required"),
                refusal("incident not matching the pattern", DBA,
                        emergency(Origin.EMPLOYEE_SELF, "db", "admin", "PT30M", "X-1"), "incident:reference-pattern"),
                refusal("JIT ticket not matching the pattern", DBA, jit("db", "reader", "BAD-1"),
                        "ticket:reference-pattern"),
                refusal("on-behalf ticket missing", LEAD, onBehalf("dave", PrincipalType.CONTRACTOR, null),
                        "ticket:ticket-required"),
                stepUp("no MFA in amr", DBA.withoutMfa(), breakGlass(), "amr:mfa-method"),
                stepUp("MFA too old", DBA.authenticatedAgo(Duration.ofMinutes(16)), breakGlass(),
                        "auth_time:mfa-max-age"),
                stepUp("neither MFA nor fresh", DBA.withoutMfa().authenticatedAgo(Duration.ofHours(2)), breakGlass(),
                        "amr:mfa-method", "auth_time:mfa-max-age"),
                refusal("conditions are reported before MFA", DBA.withoutMfa(),
                        emergency(Origin.EMPLOYEE_SELF, "db", "admin", "PT2H", "INC-1"), "duration:max-duration"),
                refusal("not in a requester group", OUTSIDER, breakGlass(), "requester:requester-group"),
                refusal("a rule not allowing the origin is further away than one refusing the group",
                        new Token("cy", PrincipalType.CONTRACTOR, List.of("app-oncall"), MFA, FRESH),
                        emergency(Origin.CONTRACTOR_SELF, "db", "reader", "PT30M", "INC-1"),
                        "requester:requester-group"),
                refusal("origin does not match the token", CONTRACTOR_DBA, breakGlass(), "origin:origin-matches-caller"),
                refusal("employee token claiming CONTRACTOR_SELF", DBA, with(breakGlass(), Origin.CONTRACTOR_SELF),
                        "origin:origin-matches-caller"),
                refusal("unknown system", DBA, emergency(Origin.EMPLOYEE_SELF, "nosuch", "admin", "PT30M", "INC-1"),
                        "system:system-exists"),
                refusal("role not offered by the system", DBA,
                        emergency(Origin.EMPLOYEE_SELF, "db", "root", "PT30M", "INC-1"), "role:role-offered"),
                refusal("emergency on a low-criticality system", DBA,
                        emergency(Origin.EMPLOYEE_SELF, "wiki", "editor", "PT30M", "INC-1"),
                        "system:emergency-needs-critical-system"),
                refusal("no JIT rule covers the role", DBA, jit("db", "admin", null), "role:no-matching-rule"),
                refusal("kind and origin missing", DBA, new RequestedAccess(null, null, null, "db", "admin", null, "x",
                        null, null), "kind:required", "origin:required"),
                refusal("system and role missing", DBA, new RequestedAccess(RequestKind.JIT, Origin.EMPLOYEE_SELF, null,
                        null, null, null, "x", null, null), "system:required"),
                refusal("role missing", DBA, emergency(Origin.EMPLOYEE_SELF, "db", null, "PT30M", "INC-1"),
                        "role:required"),
                refusal("justification blank", DBA, new RequestedAccess(RequestKind.EMERGENCY, Origin.EMPLOYEE_SELF, null,
                        "db", "admin", null, "  ", "INC-1", null), "justification:required"),
                refusal("on behalf by someone outside the supervisor groups", DBA,
                        onBehalf("dave", PrincipalType.CONTRACTOR, "TCK-9"), "requester:supervisor-group"),
                refusal("on behalf of a beneficiary type the rule does not grant", LEAD,
                        onBehalf("dave", PrincipalType.EMPLOYEE, "TCK-9"), "beneficiary:beneficiary-type"),
                refusal("on behalf without a beneficiary", LEAD, onBehalf(null, null, "TCK-9"),
                        "beneficiary:required-on-behalf"),
                refusal("on behalf of oneself", LEAD, onBehalf("lee", PrincipalType.EMPLOYEE, "TCK-9"),
                        "beneficiary:not-self"),
                refusal("a self request naming a beneficiary", DBA, new RequestedAccess(RequestKind.JIT,
                        Origin.EMPLOYEE_SELF, new RequestedAccess.Beneficiary("dave", PrincipalType.EMPLOYEE), "db",
                        "reader", null, "x", null, null), "beneficiary:self-request"),
                refusal("on behalf where the rule allows only self requests", LEAD,
                        new RequestedAccess(RequestKind.EMERGENCY, Origin.ON_BEHALF,
                                new RequestedAccess.Beneficiary("dave", PrincipalType.CONTRACTOR), "db", "admin", null,
                                "x", "INC-1", null), "origin:origin-allowed"));
    }

    static Arguments refusal(String name, Token token, RequestedAccess request, String... reasons) {
        return arguments(name, token, request, List.of(reasons), false);
    }

    static Arguments stepUp(String name, Token token, RequestedAccess request, String... reasons) {
        return arguments(name, token, request, List.of(reasons), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void evaluate_refuses(String name, Token token, RequestedAccess request, List<String> reasons, boolean stepUp) {
        PolicyDecision decision = RequestPolicy.evaluate(POLICY, request, token.requester(), NOW);

        assertThat(decision).isInstanceOfSatisfying(PolicyDecision.Refused.class, refused -> {
            assertThat(refused.violations()).extracting(v -> v.field() + ":" + v.rule())
                    .containsExactlyInAnyOrderElementsOf(reasons);
            assertThat(refused.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
            assertThat(refused.stepUp() != null).as("step-up").isEqualTo(stepUp);
            assertThat(refused.checks()).noneMatch(PolicyDecision.RuleCheck::selected);
        });
    }

    @Test
    void evaluate_reportsEveryRulesVerdict() {
        PolicyDecision decision = RequestPolicy.evaluate(POLICY, breakGlass(), DBA.requester(), NOW);

        assertThat(decision.checks()).extracting(PolicyDecision.RuleCheck::ruleId)
                .containsExactly("expedited", "break-glass", "jit", "on-behalf");
        assertThat(decision.checks().get(0).failures()).extracting(RuleViolation::rule).contains("rule-role");
        assertThat(decision.checks().get(1).accepts()).isTrue();
        assertThat(decision.checks().get(2).failures()).extracting(RuleViolation::rule).contains("rule-kind");
    }

    @Test
    void evaluate_namesTypeAndOriginFailuresOfEachRule() {
        Token contractor = new Token("cy", PrincipalType.CONTRACTOR, List.of("app-oncall"), MFA, FRESH);
        PolicyDecision decision = RequestPolicy.evaluate(POLICY,
                emergency(Origin.CONTRACTOR_SELF, "db", "reader", "PT30M", "INC-1"), contractor.requester(), NOW);

        assertThat(decision.checks().get(0).failures()).extracting(v -> v.field() + ":" + v.rule())
                .containsExactly("origin:origin-allowed");
        assertThat(decision.checks().get(1).failures()).extracting(v -> v.field() + ":" + v.rule())
                .containsExactly("requester:requester-group");
    }

    @Test
    void evaluate_contractorUnderAnEmployeesOnlyRule_isOutsideTheRulesOrigins() {
        Policy employeesOnly = PolicyReader.read("p.yaml", read("/policies/base.yaml")
                .replace("      types: [EMPLOYEE, CONTRACTOR]\n    origins: [EMPLOYEE_SELF, CONTRACTOR_SELF]\n    systems: [db]",
                        "      types: [EMPLOYEE]\n    origins: [EMPLOYEE_SELF]\n    systems: [db]"));
        PolicyDecision decision = RequestPolicy.evaluate(employeesOnly, with(breakGlass(), Origin.CONTRACTOR_SELF),
                CONTRACTOR_DBA.requester(), NOW);

        assertThat(decision.checks().get(1).failures()).extracting(v -> v.field() + ":" + v.rule())
                .containsExactly("origin:origin-allowed");
        assertThat(((PolicyDecision.Refused) decision).violations()).extracting(RuleViolation::rule)
                .containsExactly("origin-allowed");
    }

    @Test
    void evaluate_stepUp_carriesTheRuleRequirement() {
        PolicyDecision decision = RequestPolicy.evaluate(POLICY, breakGlass(), DBA.withoutMfa().requester(), NOW);

        Policy.Mfa needed = ((PolicyDecision.Refused) decision).stepUp();
        assertThat(needed.methods()).containsExactly("mfa", "hwk");
        assertThat(needed.maxAge()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void accepted_carriesTheApprovalPlanApprovalServiceNeeds() {
        PolicyDecision decision = RequestPolicy.evaluate(POLICY, jit("db", "reader", null), DBA.requester(), NOW);

        Policy.Approval approval = ((PolicyDecision.Accepted) decision).rule().approval();
        assertThat(RequestEventMapping.plan(approval).mode())
                .isEqualTo(io.eer.contracts.events.Values.ApprovalMode.STANDARD);
        assertThat(RequestEventMapping.plan(approval).quorum()).isEqualTo(2);
        assertThat(RequestEventMapping.plan(approval).distinctGroups()).isTrue();
        assertThat(RequestEventMapping.plan(approval).approverGroups()).containsExactly("secops", "leads");
        assertThat(RequestEventMapping.plan(approval).validity()).isEqualTo(Duration.ofHours(24));
        assertThat(RequestEventMapping.plan(approval).approverMfa().maxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(RequestEventMapping.plan(approval).escalation()).isNull();
    }
}
