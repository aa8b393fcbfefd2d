package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.EXPIRIES;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.expired;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.RequestCancelled;
import io.eer.grant.connectors.TestDirectory;
import io.eer.grant.connectors.TestWebhookTarget;
import io.eer.grant.infra.out.SharedAccessLocks;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The LDAP connector against a real directory (UnboundID's in-memory server over LDAP, {@link TestDirectory}): the
 * beneficiary's entry joins the group at grant and leaves it at revocation (read back); overlapping grants of one
 * group for one person keep the membership until the last one ends, also when two revocations run at once.
 */
@QuarkusTest
@QuarkusTestResource(TestDirectory.class)
@QuarkusTestResource(TestWebhookTarget.class)
class LdapConnectorTest extends ConnectorFixture {

    static final String SYSTEM = "corp-directory";
    static final String GROUP = "corp_admins";
    static boolean isMember(String uid) throws Exception {
        try (LDAPConnection ldap = TestDirectory.connect(ConfigProvider.getConfig()
                .getValue("eer.grant.targets.\"corp-directory\".url", String.class))) {
            return ldap.compare("cn=" + GROUP + "," + TestDirectory.GROUPS, "member",
                    "uid=" + uid + "," + TestDirectory.PEOPLE).compareMatched();
        }
    }

    @Test
    void grant_addsTheBeneficiaryToTheGroup_expiry_removesAndReadsBack() throws Exception {
        assertThat(isMember("carol")).isFalse();

        AccessGranted granted = grant("carol", SYSTEM, GROUP);

        assertThat(granted.connector()).isEqualTo("ldap");
        assertThat(granted.account()).isEqualTo("uid=carol," + TestDirectory.PEOPLE);
        assertThat(isMember("carol")).isTrue();
        // no secret is issued: the person signs in with their own directory identity
        given().auth().oauth2(TestTokens.contractor("carol", "oncall-dba"))
                .get("/v1/grants/" + granted.grantId() + "/credentials").then().statusCode(404);

        grants.publish(EXPIRIES, expired(granted.grantId(), granted.requestId()));

        AccessRevoked revoked = revoked(granted);
        assertThat(revoked.confirmed()).isTrue();
        assertThat(isMember("carol")).isFalse();
    }

    @Test
    void overlappingGrants_theMembershipStaysUntilTheLastLiveGrantEnds() throws Exception {
        AccessGranted first = grant("dave", SYSTEM, GROUP);
        AccessGranted second = grant("dave", SYSTEM, GROUP);
        assertThat(isMember("dave")).isTrue();

        grants.publish(EXPIRIES, expired(first.grantId(), first.requestId()));
        assertThat(revoked(first).confirmed()).isTrue();

        // the second grant is live: its membership must survive the first one's end
        assertThat(isMember("dave")).isTrue();

        grants.publish(EXPIRIES, expired(second.grantId(), second.requestId()));
        assertThat(revoked(second).confirmed()).isTrue();
        assertThat(isMember("dave")).isFalse();
    }

    @Test
    void twoRevocationsAtOnce_takeTurns_andTheLastOneRemovesTheMembership() throws Exception {
        AccessGranted first = grant("erin", SYSTEM, GROUP);
        AccessGranted second = grant("erin", SYSTEM, GROUP);
        String key = SharedAccessLocks.key(SYSTEM, "erin", GROUP);
        try (Connection held = TestDatabases.admin(TestDatabases.SERVICE)) {
            // hold the membership's lock, so both revocations are certainly in flight at the same time
            try (PreparedStatement lock = held.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
                lock.setString(1, key);
                lock.execute();
            }
            grants.publish(EXPIRIES, expired(first.grantId(), first.requestId()));
            grants.publish(RequestCancelledTest.REQUESTS, EventEnvelope.of(UUID.randomUUID().toString(),
                    "/eer/request-service", Instant.now(), new RequestCancelled(second.requestId(), "erin", "done")));

            // an expiry and a cancellation (two consumers) both wait for the membership: neither has decided yet
            await().atMost(ASYNC).until(() -> TestDatabases.count(TestDatabases.SERVICE,
                    "select count(*) from pg_locks where locktype = 'advisory' and not granted "
                            + "and objid = (hashtext(?)::bigint & 4294967295)::oid", key) == 2);
            assertThat(isMember("erin")).isTrue();

            try (PreparedStatement unlock = held.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                unlock.setString(1, key);
                unlock.execute();
            }
        }

        assertThat(revoked(first).confirmed()).isTrue();
        assertThat(revoked(second).confirmed()).isTrue();
        // one of them saw the other still live and kept it; the other then saw none and removed it
        assertThat(isMember("erin")).isFalse();
    }

    @Test
    void hostileBeneficiaryOrUngrantableGroup_changesNothing_andFailsTheGrant() throws Exception {
        String injected = UUID.randomUUID().toString();
        // an RDN-injection attempt: escaped by the SDK, it names no entry (not uid=frank, not another subtree)
        grants.publish(APPROVALS, approved(injected, "frank,ou=people,dc=eer,dc=local", SYSTEM, GROUP));
        String other = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(other, "frank", SYSTEM, "not_a_group"));
        String unreachable = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(unreachable, "frank", "dead-directory", GROUP));

        for (String requestId : List.of(injected, other, unreachable)) {
            GrantFailed failed = await().atMost(ASYNC).until(
                    () -> events(grants, GrantFailed.class, f -> f.requestId().equals(requestId)),
                    list -> !list.isEmpty()).get(0);
            assertThat(failed.connector()).isEqualTo("ldap");
        }
        assertThat(events(grants, GrantFailed.class, f -> f.requestId().equals(other)).get(0).error())
                .contains("may not be granted");
        assertThat(events(grants, GrantFailed.class, f -> f.requestId().equals(unreachable)).get(0).error())
                .doesNotContain(ConfigProvider.getConfig()
                        .getValue("eer.grant.targets.\"dead-directory\".password", String.class));
        assertThat(isMember("frank")).isFalse();
        assertThat(events(grants, AccessGranted.class, g -> List.of(injected, other, unreachable)
                .contains(g.requestId()))).isEmpty();
    }
}
