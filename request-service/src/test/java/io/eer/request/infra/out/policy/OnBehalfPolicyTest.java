package io.eer.request.infra.out.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.request.domain.MfaEvidence;
import io.eer.request.domain.Origin;
import io.eer.request.domain.Principal;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestKind;
import io.eer.request.domain.RuleViolation;
import io.eer.request.domain.RequestedAccess;
import io.eer.request.domain.InvalidPolicyException;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyDecision;
import io.eer.request.domain.RequestPolicy;
import io.eer.request.domain.Requester;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ON_BEHALF: the policy must say how the beneficiary named by the supervisor is checked. SUPERVISOR_ASSERTED takes
 * the supervisor's word (said plainly in the policy); LISTED accepts only the listed people with their listed type.
 */
class OnBehalfPolicyTest {

    static final String BASE = read();
    static final String ASSERTED = "      beneficiaryCheck: SUPERVISOR_ASSERTED\n";
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Requester LEAD = new Requester(new Principal("lee", PrincipalType.EMPLOYEE, List.of("leads")),
            new MfaEvidence(List.of("pwd", "mfa", "otp"), NOW.minusSeconds(60)));

    static String read() {
        try (InputStream in = OnBehalfPolicyTest.class.getResourceAsStream("/policies/base.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Policy listed() {
        assertThat(BASE).contains(ASSERTED);
        return PolicyReader.read("policy.yaml", BASE.replace(ASSERTED,
                "      beneficiaryCheck: LISTED\n      knownContractors: [dana]\n      knownEmployees: [eve]\n"));
    }

    static RequestedAccess forBeneficiary(String id, PrincipalType type) {
        return new RequestedAccess(RequestKind.JIT, Origin.ON_BEHALF, new RequestedAccess.Beneficiary(id, type), "db",
                "reader", null, "new contractor needs to read", null, "TCK-7");
    }

    static List<String> failures(PolicyDecision decision) {
        assertThat(decision).isInstanceOf(PolicyDecision.Refused.class);
        return ((PolicyDecision.Refused) decision).violations().stream().map(v -> v.field() + ":" + v.rule()).toList();
    }

    @Test
    void read_onBehalfRuleWithoutBeneficiaryCheck_isRefused_noSilentTrust() {
        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", BASE.replace(ASSERTED, "")))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> {
                            assertThat(error.path()).isEqualTo("rules[3].requesters.beneficiaryCheck");
                            assertThat(error.message()).contains("required when origins include ON_BEHALF");
                        }));
    }

    @Test
    void read_listedWithoutAnyone_isRefused() {
        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", BASE.replace(ASSERTED,
                "      beneficiaryCheck: LISTED\n")))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> assertThat(error.path()).isEqualTo("rules[3].requesters.knownEmployees")));
    }

    @Test
    void read_knownBeneficiariesWithoutListed_areRefused() {
        assertThatThrownBy(() -> PolicyReader.read("policy.yaml", BASE.replace(ASSERTED,
                ASSERTED + "      knownContractors: [dana]\n")))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> assertThat(error.path())
                                .isEqualTo("rules[3].requesters.knownContractors")));
    }

    @Test
    void supervisorAsserted_takesTheSupervisorsWord_forAnyBeneficiary() {
        Policy policy = PolicyReader.read("policy.yaml", BASE);
        assertThat(policy.rule("on-behalf").orElseThrow().requesters().beneficiaryCheck())
                .isEqualTo(Policy.BeneficiaryCheck.SUPERVISOR_ASSERTED);

        PolicyDecision decision = RequestPolicy.evaluate(policy, forBeneficiary("anyone", PrincipalType.CONTRACTOR),
                LEAD, NOW);

        assertThat(decision).isInstanceOf(PolicyDecision.Accepted.class);
    }

    @Test
    void listed_acceptsAListedBeneficiaryWithTheListedType() {
        PolicyDecision decision = RequestPolicy.evaluate(listed(), forBeneficiary("dana", PrincipalType.CONTRACTOR),
                LEAD, NOW);

        assertThat(decision).isInstanceOf(PolicyDecision.Accepted.class);
    }

    @Test
    void listed_refusesABeneficiaryItDoesNotList() {
        PolicyDecision decision = RequestPolicy.evaluate(listed(), forBeneficiary("mallory", PrincipalType.CONTRACTOR),
                LEAD, NOW);

        assertThat(failures(decision)).containsExactly("beneficiary:beneficiary-listed");
    }

    @Test
    void listed_refusesAListedBeneficiaryClaimedWithAnotherType() {
        // eve is listed as an EMPLOYEE; the supervisor calls her a CONTRACTOR to fit the rule's types
        PolicyDecision decision = RequestPolicy.evaluate(listed(), forBeneficiary("eve", PrincipalType.CONTRACTOR),
                LEAD, NOW);

        assertThat(failures(decision)).containsExactly("beneficiary:beneficiary-type-matches");
        assertThat(((PolicyDecision.Refused) decision).violations()).extracting(RuleViolation::message)
                .anySatisfy(m -> assertThat(m).contains("lists eve as EMPLOYEE"));
    }
}
