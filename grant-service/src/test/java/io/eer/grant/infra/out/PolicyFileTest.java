package io.eer.grant.infra.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.grant.domain.PolicyBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bound grant-service reads from the real local policy (deploy/local/policy.yaml). */
class PolicyFileTest {

    private static PolicyBounds local() throws Exception {
        return PolicyFile.parse(Files.readString(Path.of("../deploy/local/policy.yaml")));
    }

    @Test
    void localPolicy_boundsEachSystemAndRoleByTheLongestRuleMaximum() throws Exception {
        PolicyBounds bounds = local();

        // db_admin on payments-db: break-glass-dba PT1H, jit-dba PT8H, jit-dba-on-behalf PT4H → PT8H
        assertThat(bounds.maxBySystemAndRole().get("payments-db").get("db_admin")).isEqualTo(Duration.ofHours(8));
        assertThat(bounds.check("payments-db", "db_admin", Duration.ofHours(8), null)).isEmpty();
        assertThat(bounds.check("payments-db", "db_admin", Duration.ofDays(3650), null)).get()
                .extracting(PolicyBounds.Refusal::rule).isEqualTo("max-duration");
        assertThat(bounds.check("payments-db", "db_admin", Duration.ofMinutes(30), Duration.ofDays(3650))).get()
                .extracting(PolicyBounds.Refusal::rule).isEqualTo("max-duration");
        assertThat(bounds.check("payments-db", "db_admin", Duration.ofHours(2), Duration.ofHours(1))).get()
                .extracting(PolicyBounds.Refusal::rule).isEqualTo("max-duration");
    }

    @Test
    void localPolicy_refusesUnknownSystemsAndRoles() throws Exception {
        PolicyBounds bounds = local();

        assertThat(bounds.check("mainframe", "db_admin", Duration.ofMinutes(5), null)).get()
                .extracting(PolicyBounds.Refusal::rule).isEqualTo("unknown-system");
        assertThat(bounds.check("payments-db", "superuser", Duration.ofMinutes(5), null)).get()
                .extracting(PolicyBounds.Refusal::rule).isEqualTo("unknown-role");
        assertThat(bounds.check("payments-db", "pg_execute_server_program", Duration.ofMinutes(5), null)).isPresent();
    }

    @Test
    void aRuleWithoutAnIsoDuration_isRefusedWhenLoading() {
        assertThatThrownBy(() -> PolicyFile.parse("""
                id: p
                version: "1"
                systems: [{id: s, roles: [r]}]
                rules: [{id: x, systems: [s], roles: [r], duration: {max: "1 hour"}}]
                """)).hasMessageContaining("duration.max");
    }
}
