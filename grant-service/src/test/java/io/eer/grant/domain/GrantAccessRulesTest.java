package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantAccessRulesTest {

    private static final Set<String> AGENTS = Set.of("session-agents");
    private static final Set<String> PAYMENTS = Set.of("payments-db");

    @Test
    void credentials_goToTheBeneficiaryOnly_evenNotToAdmins() {
        assertThat(GrantAccessRules.mayFetchCredentials("carol", "carol")).isTrue();
        assertThat(GrantAccessRules.mayFetchCredentials("alice", "carol")).isFalse();
        assertThat(GrantAccessRules.mayFetchCredentials(null, "carol")).isFalse();
    }

    @Test
    void actions_areLoggedByTheBeneficiaryOrASessionAgentScopedToTheSystem() {
        assertThat(GrantAccessRules.mayLogAction("carol", Set.of(), "carol", "payments-db", Set.of())).isTrue();
        assertThat(GrantAccessRules.mayLogAction("agent", AGENTS, "carol", "payments-db", PAYMENTS)).isTrue();
        assertThat(GrantAccessRules.mayLogAction("agent", AGENTS, "carol", "hr-portal", PAYMENTS)).isFalse();
        assertThat(GrantAccessRules.mayLogAction("agent", AGENTS, "carol", "payments-db", Set.of())).isFalse();
        assertThat(GrantAccessRules.mayLogAction("agent", Set.of(), "carol", "payments-db", PAYMENTS))
                .as("a configured scope without the group is not enough").isFalse();
        assertThat(GrantAccessRules.mayLogAction("alice", Set.of("secops", "eer-admins"), "carol", "payments-db",
                Set.of())).isFalse();
    }

    @Test
    void status_isReadByTheBeneficiaryOverseersAndScopedAgents() {
        assertThat(GrantAccessRules.mayRead("carol", Set.of(), "carol", "payments-db", Set.of())).isTrue();
        assertThat(GrantAccessRules.mayRead("audrey", Set.of("auditors"), "carol", "payments-db", Set.of())).isTrue();
        assertThat(GrantAccessRules.mayRead("mallory", Set.of("oncall-dba"), "carol", "payments-db", Set.of())).isFalse();
        assertThat(GrantAccessRules.mayRead("agent", AGENTS, "carol", "payments-db", PAYMENTS)).isTrue();
        assertThat(GrantAccessRules.mayRead("agent", AGENTS, "carol", "hr-portal", PAYMENTS)).isFalse();
        assertThat(GrantAccessRules.mayReadAll(AGENTS)).isFalse();
    }
}
