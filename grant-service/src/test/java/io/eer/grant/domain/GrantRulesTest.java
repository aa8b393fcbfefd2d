package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.RevocationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static Approved approved(Duration duration) {
        return new Approved("r-1", List.of("policy:break-glass-dba"), ApprovalMode.PRE_APPROVED, duration, "carol",
                "carol", "payments-db", "db_admin", new PolicyRef("eer-local", "1"));
    }

    private static GrantState grant(GrantStatus status) {
        return new GrantState("g-1", "r-1", "carol", "payments-db", "db_admin", "eer_g1", status,
                NOW.plusSeconds(60), 1);
    }

    @Test
    void approved_withConnector_provisionsWithTheClockStartingNow() {
        ApprovedDecision decision = GrantRules.onApproved(Optional.empty(), approved(Duration.ofMinutes(30)),
                Optional.of("postgres"), NOW);

        assertThat(decision).isEqualTo(new ApprovedDecision.Provision("postgres", NOW, NOW.plus(Duration.ofMinutes(30))));
    }

    @Test
    void approved_whenTheRequestWasCancelled_provisionsNothing() {
        ApprovedDecision decision = GrantRules.onApproved(Optional.empty(), approved(Duration.ofMinutes(30)),
                Optional.of("postgres"), NOW, true);

        assertThat(decision).isEqualTo(new ApprovedDecision.RequestCancelled("r-1"));
    }

    @Test
    void approved_whenRequestAlreadyHasAGrant_isAlreadyHandled() {
        ApprovedDecision decision = GrantRules.onApproved(Optional.of(grant(GrantStatus.ACTIVE)),
                approved(Duration.ofMinutes(30)), Optional.of("postgres"), NOW);

        assertThat(decision).isEqualTo(new ApprovedDecision.AlreadyHandled("g-1"));
    }

    @Test
    void approved_whenRequestsGrantFailedBefore_isStillAlreadyHandled() {
        ApprovedDecision decision = GrantRules.onApproved(Optional.of(grant(GrantStatus.FAILED)),
                approved(Duration.ofMinutes(30)), Optional.of("postgres"), NOW);

        assertThat(decision).isInstanceOf(ApprovedDecision.AlreadyHandled.class);
    }

    @Test
    void approved_withoutConnectorForTheSystem_failsNamingTheSystem() {
        ApprovedDecision decision = GrantRules.onApproved(Optional.empty(), approved(Duration.ofMinutes(30)),
                Optional.empty(), NOW);

        assertThat(decision).isInstanceOfSatisfying(ApprovedDecision.Fail.class, fail -> {
            assertThat(fail.connector()).isEqualTo(GrantRules.NO_CONNECTOR);
            assertThat(fail.error()).contains("payments-db");
        });
    }

    @Test
    void approved_withoutPositiveDuration_fails() {
        assertThat(GrantRules.onApproved(Optional.empty(), approved(Duration.ZERO), Optional.of("postgres"), NOW))
                .isInstanceOf(ApprovedDecision.Fail.class);
        assertThat(GrantRules.onApproved(Optional.empty(), approved(Duration.ofSeconds(-5)), Optional.of("postgres"), NOW))
                .isInstanceOf(ApprovedDecision.Fail.class);
        assertThat(GrantRules.onApproved(Optional.empty(), approved(null), Optional.of("postgres"), NOW))
                .isInstanceOf(ApprovedDecision.Fail.class);
    }

    @Test
    void revoke_activeGrant_revokesWithTheReason() {
        assertThat(GrantRules.revoke(Optional.of(grant(GrantStatus.ACTIVE)), RevocationReason.EXPIRED, "grant g-1"))
                .isEqualTo(new RevocationDecision.Revoke(grant(GrantStatus.ACTIVE), RevocationReason.EXPIRED));
    }

    @Test
    void revoke_alreadyRevokedGrant_isSkipped() {
        assertThat(GrantRules.revoke(Optional.of(grant(GrantStatus.REVOKED)), RevocationReason.EXPIRED, "grant g-1"))
                .isInstanceOf(RevocationDecision.Skip.class);
    }

    @Test
    void revoke_failedOrUnknownGrant_isSkipped() {
        assertThat(GrantRules.revoke(Optional.of(grant(GrantStatus.FAILED)), RevocationReason.EXPIRED, "grant g-1"))
                .isInstanceOf(RevocationDecision.Skip.class);
        assertThat(GrantRules.revoke(Optional.empty(), RevocationReason.EXPIRED, "grant g-9"))
                .isInstanceOf(RevocationDecision.Skip.class);
    }
}
