package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.grant.domain.GrantCommand.ReconcileLogin;
import io.eer.grant.domain.GrantCommand.RecordOrphanRemoved;
import io.eer.grant.domain.GrantEvent.Failed;
import io.eer.grant.domain.GrantEvent.Granted;
import io.eer.grant.domain.GrantEvent.Opened;
import io.eer.grant.domain.GrantEvent.OrphanLoginRemoved;
import io.eer.grant.domain.GrantEvent.Revoked;
import io.eer.support.testing.DeciderSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The login reconciler's question, decided by the grant: is a login found on a target an orphan? */
class OrphanLoginDeciderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final GrantId G1 = new GrantId("g-1");
    private static final RequestId R1 = new RequestId("r-1");
    private static final LoginName ACCOUNT = LoginName.forRequest(R1);
    private static final Opened OPENED = new Opened(G1, R1, "carol", "payments-db", "db_admin", "postgres", NOW);
    private static final Granted GRANTED = new Granted(G1, R1, "carol", "payments-db", "db_admin", "postgres",
            ACCOUNT, NOW, NOW.plus(Duration.ofMinutes(30)));

    private static ReconcileLogin login(RequestId request, boolean heldByActiveGrant) {
        return new ReconcileLogin("payments-db", ACCOUNT.value(), request, heldByActiveGrant);
    }

    @Test
    void theLoginOfAnActiveGrant_isNoOrphan_andNothingIsRecorded() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(login(R1, false))
                .thenRefused(GrantRefusal.LOGIN_IN_USE);
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED).when(new RecordOrphanRemoved(login(R1, false), NOW))
                .thenRefused(GrantRefusal.LOGIN_IN_USE);
    }

    @Test
    void aLoginWhoseAccountAnActiveGrantHolds_isNoOrphan_whateverItsCommentNames() {
        DeciderSpec.given(Grant.DECIDER).when(login(null, true)).thenRefused(GrantRefusal.LOGIN_IN_USE);
        DeciderSpec.given(Grant.DECIDER, OPENED, new Failed(R1, "payments-db", "postgres", "down"))
                .when(login(R1, true)).thenRefused(GrantRefusal.LOGIN_IN_USE);
    }

    @Test
    void aLoginLeftByACrashBeforeTheGrantWasRecorded_isAnOrphan_removedThenRecorded() {
        assertThat(DeciderSpec.given(Grant.DECIDER, OPENED).when(login(R1, false)).thenAccepted()).isEmpty();
        DeciderSpec.given(Grant.DECIDER).when(new RecordOrphanRemoved(login(R1, false), NOW.plusSeconds(5)))
                .then(new OrphanLoginRemoved(R1, "payments-db", ACCOUNT.value(),
                        "request r-1 has no grant (provisioning interrupted)", NOW.plusSeconds(5)));
    }

    @Test
    void theLoginOfAnEndedGrant_isAnOrphan_withTheGrantsStatusAsReason() {
        DeciderSpec.given(Grant.DECIDER, OPENED, GRANTED,
                        new Revoked(G1, R1, "payments-db", RevocationReason.EXPIRED, NOW, 0, false))
                .when(new RecordOrphanRemoved(login(R1, false), NOW))
                .then(new OrphanLoginRemoved(R1, "payments-db", ACCOUNT.value(),
                        "the grant of request r-1 is REVOKED, not ACTIVE", NOW));
        DeciderSpec.given(Grant.DECIDER, OPENED, new Failed(R1, "payments-db", "postgres", "down"))
                .when(new RecordOrphanRemoved(login(R1, false), NOW))
                .then(new OrphanLoginRemoved(R1, "payments-db", ACCOUNT.value(),
                        "the grant of request r-1 is FAILED, not ACTIVE", NOW));
    }

    @Test
    void aLoginThatNamesNoRequest_isAnOrphan_recordedWithoutARequest() {
        DeciderSpec.given(Grant.DECIDER).when(new RecordOrphanRemoved(login(null, false), NOW))
                .then(new OrphanLoginRemoved(null, "payments-db", ACCOUNT.value(), "the login names no request", NOW));
    }

    @Test
    void anOrphanRecord_changesNothingOfTheGrant() {
        GrantState before = Grant.DECIDER.fold(OPENED, GRANTED);
        GrantState after = Grant.DECIDER.fold(OPENED, GRANTED,
                new OrphanLoginRemoved(R1, "payments-db", "eer_tmp_x", "stale", NOW));
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.account()).isEqualTo(before.account());
        assertThat(after.expiresAt()).isEqualTo(before.expiresAt());
    }
}
