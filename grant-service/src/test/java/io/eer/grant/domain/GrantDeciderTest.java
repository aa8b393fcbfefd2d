package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.grant.domain.GrantCommand.Cancel;
import io.eer.grant.domain.GrantCommand.LogSessionAction;
import io.eer.grant.domain.GrantCommand.Provision;
import io.eer.grant.domain.GrantCommand.RecordProvisioned;
import io.eer.grant.domain.GrantCommand.RecordProvisioningFailure;
import io.eer.grant.domain.GrantCommand.RecordRevocationFailure;
import io.eer.grant.domain.GrantCommand.RecordRevoked;
import io.eer.grant.domain.GrantCommand.Revoke;
import io.eer.grant.domain.GrantEvent.Cancelled;
import io.eer.grant.domain.GrantEvent.Failed;
import io.eer.grant.domain.GrantEvent.Granted;
import io.eer.grant.domain.GrantEvent.LoginIssued;
import io.eer.grant.domain.GrantEvent.Opened;
import io.eer.grant.domain.GrantEvent.RevocationFailed;
import io.eer.grant.domain.GrantEvent.RevocationPending;
import io.eer.grant.domain.GrantEvent.RevocationUnconfirmed;
import io.eer.grant.domain.GrantEvent.Revoked;
import io.eer.grant.domain.GrantEvent.SessionActionLogged;
import io.eer.support.testing.DeciderSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The grant's rules as given events, a command, and the events (or refusal) it decides. */
class GrantDeciderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final GrantId G1 = new GrantId("g-1");
    private static final RequestId R1 = new RequestId("r-1");
    private static final LoginName ACCOUNT = LoginName.forRequest(R1);
    private static final PolicyBounds POLICY = new PolicyBounds("eer-local@1",
            Map.of("payments-db", Map.of("db_admin", Duration.ofHours(1))), Map.of("payments-db", List.of("db_admin")));
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    private static Provision provision(Duration duration, Optional<String> connector) {
        return new Provision(G1, R1, "carol", "payments-db", "db_admin", duration, Duration.ofHours(1), connector,
                POLICY, NOW);
    }

    private static Provision provision(Duration duration) {
        return provision(duration, Optional.of("postgres"));
    }

    private static final Opened OPENED = new Opened(G1, R1, "carol", "payments-db", "db_admin", "postgres", NOW);
    private static final Granted GRANTED = new Granted(G1, R1, "carol", "payments-db", "db_admin", "postgres",
            ACCOUNT, NOW, NOW.plus(Duration.ofMinutes(30)));
    private static final LoginIssued LOGIN = new LoginIssued(G1, "127.0.0.1", 25432, "payments");

    @Test
    void provision_withConnector_isDecidedWithTheClockStartingNow() {
        DeciderSpec.given(Grant.DECIDER).when(provision(Duration.ofMinutes(30))).then(OPENED);
        assertThat(Grant.expiresAt(provision(Duration.ofMinutes(30)))).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void recordProvisioned_grantsWithTheClockStartingNow() {
        DeciderSpec.given(Grant.DECIDER)
                .when(new RecordProvisioned(provision(Duration.ofMinutes(30)), ACCOUNT, "127.0.0.1", 25432, "payments"))
                .then(OPENED, GRANTED, LOGIN);
    }

    @Test
    void provision_whenTheRequestWasCancelled_isRefused() {
        DeciderSpec.given(Grant.DECIDER, new Cancelled(R1, "carol", "resolved", NOW))
                .when(provision(Duration.ofMinutes(30))).thenRefused(GrantRefusal.REQUEST_CANCELLED);
        DeciderSpec.given(Grant.DECIDER, new Cancelled(R1, "carol", "resolved", NOW))
                .when(new RecordProvisioned(provision(Duration.ofMinutes(30)), ACCOUNT, "h", 1, "d"))
                .thenRefused(GrantRefusal.REQUEST_CANCELLED);
    }

    @Test
    void provision_whenRequestAlreadyHasAGrant_isRefused() {
        String detail = DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, LOGIN).when(provision(Duration.ofMinutes(5)))
                .thenRefused(GrantRefusal.ALREADY_GRANTED);
        assertThat(detail).contains("g-1");
    }

    @Test
    void provision_whenRequestsGrantFailedBefore_isStillRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED, new Failed(R1, "payments-db", "postgres", "down"))
                .when(provision(Duration.ofMinutes(5))).thenRefused(GrantRefusal.ALREADY_GRANTED);
    }

    @Test
    void provision_withoutConnectorForTheSystem_failsNamingTheSystem() {
        List<GrantEvent> events = DeciderSpec.given(Grant.DECIDER).when(provision(Duration.ofMinutes(30),
                Optional.empty())).thenAccepted();

        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOfSatisfying(Failed.class, fail -> {
            assertThat(fail.connector()).isEqualTo(Grant.NO_CONNECTOR);
            assertThat(fail.error()).contains("payments-db");
        });
    }

    @Test
    void provision_withoutPositiveDuration_fails() {
        for (Duration duration : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), null}) {
            assertThat(DeciderSpec.given(Grant.DECIDER).when(provision(duration)).thenAccepted())
                    .last().isInstanceOf(Failed.class);
        }
    }

    @Test
    void provision_beyondThePolicy_failsNamingTheRule() {
        List<GrantEvent> tooLong = DeciderSpec.given(Grant.DECIDER).when(provision(Duration.ofDays(3650)))
                .thenAccepted();
        assertThat(((Failed) tooLong.get(1)).error()).startsWith("refused by policy (rule max-duration)");
        Provision unknownRole = new Provision(G1, R1, "carol", "payments-db", "superuser", Duration.ofMinutes(5),
                null, Optional.of("postgres"), POLICY, NOW);
        assertThat(((Failed) DeciderSpec.given(Grant.DECIDER).when(unknownRole).thenAccepted().get(1)).error())
                .contains("rule unknown-role");
    }

    @Test
    void recordProvisioningFailure_recordsGrantFailedNamingTheError() {
        DeciderSpec.given(Grant.DECIDER)
                .when(new RecordProvisioningFailure(provision(Duration.ofMinutes(30)), "connection refused"))
                .then(OPENED, new Failed(R1, "payments-db", "postgres", "connection refused"));
    }

    @Test
    void revoke_activeGrant_isAccepted_andRecordedWithTheReason() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, LOGIN).when(new Revoke(RevocationReason.EXPIRED)).then();
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, LOGIN)
                .when(new RecordRevoked(RevocationReason.EXPIRED, 1, true, "", NOW.plusSeconds(60)))
                .then(new Revoked(G1, R1, "payments-db", RevocationReason.EXPIRED, NOW.plusSeconds(60), 1, true));
    }

    @Test
    void recordRevoked_unconfirmed_keepsWhatWasLeft() {
        DeciderSpec<GrantState, GrantCommand, GrantEvent> spec = DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED,
                LOGIN, new Revoked(G1, R1, "payments-db", RevocationReason.EXPIRED, NOW, 0, false),
                new RevocationUnconfirmed(G1, "role still exists"));
        assertThat(spec.state().status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(spec.state().failure()).isEqualTo("revocation not confirmed: role still exists");
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, LOGIN)
                .when(new RecordRevoked(RevocationReason.EXPIRED, 0, false, "role still exists", NOW))
                .then(new Revoked(G1, R1, "payments-db", RevocationReason.EXPIRED, NOW, 0, false),
                        new RevocationUnconfirmed(G1, "role still exists"));
    }

    @Test
    void revoke_alreadyRevokedGrant_isRefused_neverTwice() {
        Revoked revoked = new Revoked(G1, R1, "payments-db", RevocationReason.EXPIRED, NOW, 0, true);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, revoked).when(new Revoke(RevocationReason.EXPIRED))
                .thenRefused(GrantRefusal.ALREADY_REVOKED);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, revoked)
                .when(new RecordRevoked(RevocationReason.EXPIRED, 0, true, "", NOW))
                .thenRefused(GrantRefusal.ALREADY_REVOKED);
    }

    @Test
    void revoke_failedOrUnknownGrant_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED, new Failed(R1, "payments-db", "postgres", "down"))
                .when(new Revoke(RevocationReason.EXPIRED)).thenRefused(GrantRefusal.GRANT_FAILED);
        DeciderSpec.given(Grant.DECIDER).when(new Revoke(RevocationReason.EXPIRED))
                .thenRefused(GrantRefusal.UNKNOWN_GRANT);
        DeciderSpec.given(Grant.DECIDER, new Cancelled(R1, "carol", null, NOW))
                .when(new Revoke(RevocationReason.REQUEST_CANCELLED)).thenRefused(GrantRefusal.UNKNOWN_GRANT);
    }

    @Test
    void recordRevocationFailure_countsAttempts_backsOff_andKeepsTheReasonForTheRetry() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new RecordRevocationFailure(RevocationReason.REQUEST_CANCELLED, "ConnectException", NOW, BACKOFF))
                .then(new RevocationFailed(G1, R1, "payments-db", 1, "ConnectException", NOW.plusSeconds(5)),
                        new RevocationPending(G1, RevocationReason.REQUEST_CANCELLED, NOW));

        Instant later = NOW.plusSeconds(5);
        DeciderSpec<GrantState, GrantCommand, GrantEvent> afterOne = DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED,
                new RevocationFailed(G1, R1, "payments-db", 1, "ConnectException", later),
                new RevocationPending(G1, RevocationReason.REQUEST_CANCELLED, NOW));
        // the sweeper asks without a reason: the pending one is kept
        afterOne.when(new RecordRevocationFailure(null, "ConnectException", later, BACKOFF))
                .then(new RevocationFailed(G1, R1, "payments-db", 2, "ConnectException", later.plusSeconds(10)),
                        new RevocationPending(G1, RevocationReason.REQUEST_CANCELLED, later));
        afterOne.when(new RecordRevoked(null, 0, true, "", later))
                .then(new Revoked(G1, R1, "payments-db", RevocationReason.REQUEST_CANCELLED, later, 0, true));
        assertThat(afterOne.state().status()).as("a failed revocation leaves the grant active and due")
                .isEqualTo(GrantStatus.ACTIVE);
        assertThat(afterOne.state().nextRevocationAt()).isEqualTo(later);
    }

    @Test
    void backoff_doublesUpToItsMaximum() {
        assertThat(BACKOFF.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(BACKOFF.after(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(BACKOFF.after(6)).isEqualTo(Duration.ofSeconds(160));
        assertThat(BACKOFF.after(7)).as("320 s, capped").isEqualTo(Duration.ofMinutes(5));
        assertThat(BACKOFF.after(50)).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancel_isRecordedOnce() {
        Cancelled cancelled = new Cancelled(R1, "carol", "resolved", NOW);
        DeciderSpec.given(Grant.DECIDER).when(new Cancel(R1, "carol", "resolved", NOW)).then(cancelled);
        DeciderSpec.given(Grant.DECIDER, cancelled).when(new Cancel(R1, "carol", "again", NOW)).then();
    }

    @Test
    void logSessionAction_byBeneficiaryOrScopedAgent_evenAfterTheGrantEnded() {
        Revoked revoked = new Revoked(G1, R1, "payments-db", RevocationReason.EXPIRED, NOW, 0, true);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, revoked)
                .when(new LogSessionAction("carol", Set.of(), Set.of(), "s-1", "SELECT", "invoices", "psql", NOW))
                .then(new SessionActionLogged(G1, R1, "s-1", "SELECT", "invoices", NOW, "self-reported", "psql"));
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new LogSessionAction("agent", Set.of(GrantAccessRules.SESSION_AGENTS), Set.of("payments-db"),
                        "s-1", "UPDATE", "invoices", "proxy", NOW))
                .then(new SessionActionLogged(G1, R1, "s-1", "UPDATE", "invoices", NOW, "agent:agent", "proxy"));
    }

    @Test
    void logSessionAction_byAnyoneElse_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new LogSessionAction("agent", Set.of(GrantAccessRules.SESSION_AGENTS), Set.of("hr-portal"),
                        "s-1", "UPDATE", "invoices", "proxy", NOW)).thenRefused(GrantRefusal.NOT_ALLOWED);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new LogSessionAction("erin", Set.of("eer-admins"), Set.of(), "s-1", "x", "y", "z", NOW))
                .thenRefused(GrantRefusal.NOT_ALLOWED);
        DeciderSpec.given(Grant.DECIDER)
                .when(new LogSessionAction("carol", Set.of(), Set.of(), "s-1", "x", "y", "z", NOW))
                .thenRefused(GrantRefusal.UNKNOWN_GRANT);
    }

    @Test
    void typedIds_refuseBlankOversizedAndControlCharacters() {
        assertThatThrownBy(() -> new RequestId(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrantId("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestId("r\n1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginName("postgres")).isInstanceOf(IllegalArgumentException.class);
        assertThat(LoginName.forRequest(R1).value()).isEqualTo(Accounts.forRequest("r-1"));
    }
}
