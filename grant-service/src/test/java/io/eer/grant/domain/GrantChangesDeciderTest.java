package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.grant.domain.GrantCommand.ApproveExtension;
import io.eer.grant.domain.GrantCommand.Extend;
import io.eer.grant.domain.GrantCommand.LogSessionAction;
import io.eer.grant.domain.GrantCommand.RecordRefusal;
import io.eer.grant.domain.GrantCommand.RecordRevocationFailure;
import io.eer.grant.domain.GrantCommand.RecordRevoked;
import io.eer.grant.domain.GrantCommand.Revoke;
import io.eer.grant.domain.GrantCommand.RevokeEarly;
import io.eer.grant.domain.GrantEvent.AttemptRefused;
import io.eer.grant.domain.GrantEvent.Extended;
import io.eer.grant.domain.GrantEvent.ExtensionRequested;
import io.eer.grant.domain.GrantEvent.Failed;
import io.eer.grant.domain.GrantEvent.Granted;
import io.eer.grant.domain.GrantEvent.Opened;
import io.eer.grant.domain.GrantEvent.RevocationFailed;
import io.eer.grant.domain.GrantEvent.RevocationPending;
import io.eer.grant.domain.GrantEvent.Revoked;
import io.eer.grant.domain.GrantEvent.SessionActionLogged;
import io.eer.support.testing.DeciderSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Early revocation, extension (with and without re-approval) and refusal evidence, as given → when → then. */
class GrantChangesDeciderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant DEADLINE = NOW.plus(Duration.ofMinutes(30));
    private static final GrantId G1 = new GrantId("g-1");
    private static final RequestId R1 = new RequestId("r-1");
    private static final Opened OPENED = new Opened(G1, R1, "carol", "payments-db", "db_admin", "postgres", NOW);
    private static final Granted GRANTED = new Granted(G1, R1, "carol", "payments-db", "db_admin", "postgres",
            LoginName.forRequest(R1), NOW, DEADLINE);
    private static final Revoked REVOKED = new Revoked(G1, R1, "payments-db", RevocationReason.EXPIRED, DEADLINE, 0,
            true);
    private static final Failed FAILED = new Failed(R1, "payments-db", "postgres", "boom");

    private static final Actor CAROL = new Actor("carol", "CONTRACTOR", Set.of("oncall-dba"));
    private static final Actor SOC = new Actor("sam", "EMPLOYEE", Set.of("soc"));
    private static final Actor ADMIN = new Actor("erin", "EMPLOYEE", Set.of("eer-admins"));
    private static final Actor MALLORY = new Actor("mallory", "EMPLOYEE", Set.of("oncall-dba"));
    private static final Actor SECOPS = new Actor("sid", "EMPLOYEE", Set.of("secops"));
    private static final Actor CAROL_IN_SECOPS = new Actor("carol", "CONTRACTOR", Set.of("secops"));

    /** db_admin: one hour in all, no re-approval; read_only: two hours with secops re-approving. */
    private static final PolicyBounds BOUNDS = new PolicyBounds("grant-tests 1",
            Map.of("payments-db", Map.of("db_admin", Duration.ofHours(1), "read_only", Duration.ofHours(1))),
            Map.of("payments-db", List.of("db_admin", "read_only")),
            Map.of("payments-db", Map.of(
                    "db_admin", new ExtensionPolicy(Duration.ofHours(1), false, List.of()),
                    "read_only", new ExtensionPolicy(Duration.ofHours(2), true, List.of("secops")))));

    private static final Opened OPENED_RO = new Opened(G1, R1, "carol", "payments-db", "read_only", "postgres", NOW);
    private static final Granted GRANTED_RO = new Granted(G1, R1, "carol", "payments-db", "read_only", "postgres",
            LoginName.forRequest(R1), NOW, DEADLINE);

    /** read_only to 90 minutes in all, asked by carol, waiting for secops. */
    private static final ExtensionRequested PENDING = new ExtensionRequested(G1, NOW.plus(Duration.ofMinutes(90)),
            "carol", "r", List.of("secops"), NOW);

    private static Extend extend(Actor actor, Instant until, Instant at) {
        return new Extend(actor, until, "failover still running", BOUNDS, at);
    }

    // early revocation

    @Test
    void revokeEarly_byBeneficiarySocOrAdmin_isAccepted_andRecordedWithWhoAndWhy() {
        for (Actor actor : List.of(CAROL, SOC, ADMIN)) {
            DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(new RevokeEarly(actor, "done", NOW)).then();
        }
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new RecordRevoked(RevocationReason.REVOKED_EARLY, 1, true, "", NOW, "sam", "suspicious"))
                .then(new Revoked(G1, R1, "payments-db", RevocationReason.REVOKED_EARLY, NOW, 1, true, "sam",
                        "suspicious"));
    }

    @Test
    void revokeEarly_byAnyoneElse_isNotAllowed() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(new RevokeEarly(MALLORY, "x", NOW))
                .thenRefused(GrantRefusal.NOT_ALLOWED);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(new RevokeEarly(SECOPS, "x", NOW))
                .thenRefused(GrantRefusal.NOT_ALLOWED);
    }

    @Test
    void revokeEarly_whenNotActive_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, REVOKED).when(new RevokeEarly(CAROL, "done", NOW))
                .thenRefused(GrantRefusal.ALREADY_REVOKED);
        DeciderSpec.given(Grant.DECIDER, OPENED, FAILED).when(new RevokeEarly(CAROL, "done", NOW))
                .thenRefused(GrantRefusal.GRANT_FAILED);
        DeciderSpec.given(Grant.DECIDER).when(new RevokeEarly(CAROL, "done", NOW))
                .thenRefused(GrantRefusal.UNKNOWN_GRANT);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(new RevokeEarly(CAROL, "done", DEADLINE))
                .thenRefused(GrantRefusal.DEADLINE_PASSED);
    }

    @Test
    void revokeEarly_whenTheTargetFails_theRetryKeepsWhoAndWhy() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new RecordRevocationFailure(RevocationReason.REVOKED_EARLY, "ConnectException", NOW,
                        new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5)), "sam", "suspicious"))
                .then(new RevocationFailed(G1, R1, "payments-db", 1, "ConnectException", NOW.plusSeconds(5)),
                        new RevocationPending(G1, RevocationReason.REVOKED_EARLY, NOW, "sam", "suspicious"));
        // the sweeper retries without a reason: the pending one, with its author
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED,
                        new RevocationPending(G1, RevocationReason.REVOKED_EARLY, NOW, "sam", "suspicious"))
                .when(new RecordRevoked(null, 0, true, "", NOW.plusSeconds(5)))
                .then(new Revoked(G1, R1, "payments-db", RevocationReason.REVOKED_EARLY, NOW.plusSeconds(5), 0, true,
                        "sam", "suspicious"));
    }

    // extension without re-approval

    @Test
    void extend_withinPolicyMax_movesTheDeadline() {
        Instant later = NOW.plus(Duration.ofMinutes(50));
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(extend(CAROL, later, NOW.plusSeconds(60)))
                .then(new Extended(G1, R1, "payments-db", DEADLINE, later, "carol", "failover still running",
                        NOW.plusSeconds(60), null));
        assertThat(DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, new Extended(G1, R1, "payments-db", DEADLINE,
                later, "carol", "r", NOW, null)).state().expiresAt()).isEqualTo(later);
    }

    @Test
    void extend_whenBeyondPolicyMax_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(extend(CAROL, NOW.plus(Duration.ofHours(1)).plusMillis(1), NOW))
                .thenRefused(GrantRefusal.MAX_DURATION);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(new Extend(CAROL, NOW.plus(Duration.ofMinutes(40)),
                "r", new PolicyBounds("other 1", Map.of(), Map.of()), NOW)).thenRefused(GrantRefusal.MAX_DURATION);
    }

    @Test
    void extend_whenNotLater_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(extend(CAROL, DEADLINE, NOW))
                .thenRefused(GrantRefusal.NOT_LATER);
    }

    @Test
    void extend_byAnyoneButTheBeneficiary_isNotAllowed() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(extend(ADMIN, DEADLINE.plusSeconds(60), NOW))
                .thenRefused(GrantRefusal.NOT_ALLOWED);
    }

    @Test
    void extend_whenNotActiveOrPastTheDeadline_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, REVOKED).when(extend(CAROL, DEADLINE.plusSeconds(60), NOW))
                .thenRefused(GrantRefusal.ALREADY_REVOKED);
        DeciderSpec.given(Grant.DECIDER, OPENED, FAILED).when(extend(CAROL, null, NOW))
                .thenRefused(GrantRefusal.GRANT_FAILED);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(extend(CAROL, DEADLINE.plusSeconds(60), DEADLINE))
                .thenRefused(GrantRefusal.DEADLINE_PASSED);
    }

    @Test
    void expiry_forTheOldDeadline_afterAnExtension_isRefused_butTheNewOneRevokes() {
        Instant later = NOW.plus(Duration.ofMinutes(50));
        Extended extended = new Extended(G1, R1, "payments-db", DEADLINE, later, "carol", "r", NOW, null);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, extended)
                .when(new Revoke(RevocationReason.EXPIRED, DEADLINE)).thenRefused(GrantRefusal.EXTENDED);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED, extended)
                .when(new Revoke(RevocationReason.EXPIRED, later)).then();
        // without an extension an expiry always ends the grant (whatever deadline it names)
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new Revoke(RevocationReason.EXPIRED, NOW)).then();
    }

    // extension with re-approval

    @Test
    void extend_whenThePolicyAsksForReapproval_waitsForIt() {
        Instant later = NOW.plus(Duration.ofMinutes(90));
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO).when(extend(CAROL, later, NOW))
                .then(new ExtensionRequested(G1, later, "carol", "failover still running", List.of("secops"), NOW));
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO,
                        PENDING)
                .when(extend(CAROL, later.plusSeconds(60), NOW)).thenRefused(GrantRefusal.EXTENSION_PENDING);
        assertThat(DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO,
                PENDING).state().expiresAt())
                .as("nothing moves before the approval").isEqualTo(DEADLINE);
    }

    @Test
    void approveExtension_bySecondPersonInApproverGroup_extends() {
        Instant later = NOW.plus(Duration.ofMinutes(90));
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO,
                        PENDING)
                .when(new ApproveExtension(SECOPS, BOUNDS, NOW.plusSeconds(30)))
                .then(new Extended(G1, R1, "payments-db", DEADLINE, later, "carol", "r", NOW.plusSeconds(30),
                        "sid"));
    }

    @Test
    void approveExtension_byTheBeneficiary_isSeparationOfDuties() {
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO,
                        PENDING)
                .when(new ApproveExtension(CAROL_IN_SECOPS, BOUNDS, NOW)).thenRefused(GrantRefusal.SEPARATION_OF_DUTIES);
    }

    @Test
    void approveExtension_outsideTheApproverGroups_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO,
                        PENDING)
                .when(new ApproveExtension(ADMIN, BOUNDS, NOW)).thenRefused(GrantRefusal.APPROVER_GROUP);
    }

    @Test
    void approveExtension_withNothingPendingOrAfterTheDeadline_isRefused() {
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO).when(new ApproveExtension(SECOPS, BOUNDS, NOW))
                .thenRefused(GrantRefusal.NO_PENDING_EXTENSION);
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO,
                        PENDING)
                .when(new ApproveExtension(SECOPS, BOUNDS, DEADLINE)).thenRefused(GrantRefusal.DEADLINE_PASSED);
        // the grant ended: the waiting extension lapsed with it
        DeciderSpec.given(Grant.DECIDER, OPENED_RO, GRANTED_RO,
                        PENDING, REVOKED)
                .when(new ApproveExtension(SECOPS, BOUNDS, NOW)).thenRefused(GrantRefusal.ALREADY_REVOKED);
    }

    // evidence

    @Test
    void recordRefusal_isAttemptRefused_onAKnownRequestOnly() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new RecordRefusal(MALLORY, Grant.REVOKE, GrantRefusal.NOT_ALLOWED, "no"))
                .then(new AttemptRefused(R1, MALLORY, "REVOKE", "not-allowed", "no"));
        DeciderSpec.given(Grant.DECIDER)
                .when(new RecordRefusal(MALLORY, Grant.REVOKE, GrantRefusal.UNKNOWN_GRANT, "no")).then();
    }

    @Test
    void logSessionAction_isLabelledByWhoReportedIt() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new LogSessionAction("carol", Set.of(GrantAccessRules.SESSION_AGENTS), Set.of("payments-db"),
                        "s-1", "SELECT", "invoices", "pgaudit", NOW))
                .then(new SessionActionLogged(G1, R1, "s-1", "SELECT", "invoices", NOW, "self-reported", "pgaudit"));
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED)
                .when(new LogSessionAction("session-agent-1", Set.of(GrantAccessRules.SESSION_AGENTS),
                        Set.of("payments-db"), "s-1", "SELECT", "invoices", "pgaudit", NOW))
                .then(new SessionActionLogged(G1, R1, "s-1", "SELECT", "invoices", NOW, "agent:session-agent-1",
                        "pgaudit"));
    }
}
