package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantAccessRulesTest {

    @Test
    void credentials_goToTheBeneficiaryOnly_evenNotToAdmins() {
        assertThat(GrantAccessRules.mayFetchCredentials("carol", "carol")).isTrue();
        assertThat(GrantAccessRules.mayFetchCredentials("alice", "carol")).isFalse();
        assertThat(GrantAccessRules.mayFetchCredentials(null, "carol")).isFalse();
    }

    @Test
    void actions_areLoggedByTheBeneficiaryOrASessionAgent() {
        assertThat(GrantAccessRules.mayLogAction("carol", Set.of(), "carol")).isTrue();
        assertThat(GrantAccessRules.mayLogAction("agent", Set.of("session-agents"), "carol")).isTrue();
        assertThat(GrantAccessRules.mayLogAction("alice", Set.of("secops", "eer-admins"), "carol")).isFalse();
    }

    @Test
    void status_isReadByTheBeneficiaryAndOverseers() {
        assertThat(GrantAccessRules.mayRead("carol", Set.of(), "carol")).isTrue();
        assertThat(GrantAccessRules.mayRead("audrey", Set.of("auditors"), "carol")).isTrue();
        assertThat(GrantAccessRules.mayRead("mallory", Set.of("oncall-dba"), "carol")).isFalse();
    }
}
