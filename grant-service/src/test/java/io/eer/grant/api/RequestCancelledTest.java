package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.CAROL;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.approved;
import static io.eer.grant.api.Fixtures.events;
import static io.eer.grant.api.Fixtures.fetchCredentials;
import static io.eer.grant.api.Fixtures.grant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.RuleViolation;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code RequestCancelled} from request-service: a live grant is revoked; a later approval provisions nothing. */
@QuarkusTest
class RequestCancelledTest {

    static final String REQUESTS = "test-grant.eer.requests";
    private static TopicProbe grants;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
    }

    @AfterAll
    static void tearDown() {
        grants.close();
    }

    static EventEnvelope cancelled(String requestId) {
        return EventEnvelope.of(UUID.randomUUID().toString(), "/eer/request-service", Instant.now(),
                new RequestCancelled(requestId, "carol", "fixed without access"));
    }

    static long handled(String eventId) throws SQLException {
        return TestDatabases.count(TestDatabases.SERVICE, "select count(*) from processed_event where event_id = ?",
                eventId);
    }

    @Test
    void cancelled_duringTheGrant_revokesIt_withReasonRequestCancelled() throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        Map<String, Object> credentials = fetchCredentials(CAROL, granted.grantId());
        try (Connection session = GrantResourceTest.login(credentials)) {
            assertThat(session.isValid(2)).isTrue();
        }
        EventEnvelope cancel = cancelled(granted.requestId());

        grants.publish(REQUESTS, cancel);
        grants.publish(REQUESTS, cancel); // redelivered: revoked once

        AccessRevoked revoked = await().atMost(ASYNC).until(() -> events(grants, AccessRevoked.class,
                r -> r.grantId().equals(granted.grantId())), list -> !list.isEmpty()).get(0);
        assertThat(revoked.reason()).isEqualTo(RevocationReason.REQUEST_CANCELLED);
        assertThat(revoked.confirmed()).isTrue();
        given().auth().oauth2(CAROL).get("/v1/grants/" + granted.grantId()).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revocationReason", equalTo("REQUEST_CANCELLED"));
        assertThatThrownBy(() -> GrantResourceTest.login(credentials).close())
                .as("the login is gone").isInstanceOf(SQLException.class);
        await().atMost(ASYNC).until(() -> handled(cancel.id()) == 1);
        assertThat(events(grants, AccessRevoked.class, r -> r.grantId().equals(granted.grantId()))).hasSize(1);
    }

    @Test
    void cancelled_beforeTheApproval_nothingIsProvisioned() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        EventEnvelope cancel = cancelled(requestId);
        grants.publish(REQUESTS, cancel);
        await().atMost(ASYNC).until(() -> handled(cancel.id()) == 1);

        EventEnvelope approval = approved(requestId, "payments-db", "read_only", Duration.ofMinutes(3));
        grants.publish(APPROVALS, approval);
        await().atMost(ASYNC).until(() -> handled(approval.id()) == 1);

        assertThat(TestDatabases.count(TestDatabases.SERVICE, "select count(*) from grant_view where request_id = ?",
                requestId)).isZero();
        assertThat(events(grants, AccessGranted.class, g -> g.requestId().equals(requestId))).isEmpty();
        assertThat(events(grants, GrantFailed.class, g -> g.requestId().equals(requestId))).isEmpty();
    }

    @Test
    void otherRequestEvent_isAcknowledgedWithoutATransaction() throws SQLException {
        String requestId = UUID.randomUUID().toString();
        EventEnvelope rejected = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/request-service",
                Instant.now(), new RequestRejected(requestId, new Principal("carol", PrincipalType.EMPLOYEE,
                        List.of("oncall-dba")), "payments-db", "db_admin",
                        List.of(new RuleViolation("role", "not-eligible", "not eligible")),
                        new PolicyRef("eer-local", "test")));
        EventEnvelope cancel = cancelled(requestId);

        grants.publish(REQUESTS, rejected);
        grants.publish(REQUESTS, cancel);

        // one channel, in order: the rejection was done with before the cancellation was handled
        await().atMost(ASYNC).until(() -> handled(cancel.id()) == 1);
        assertThat(handled(rejected.id())).as("no inbox row, so no transaction, for an event grant-service ignores")
                .isZero();
    }

    @Test
    void cancelled_afterTheGrantEnded_changesNothing() throws SQLException {
        AccessGranted granted = grant(grants, "read_only", Duration.ofMinutes(3));
        EventEnvelope first = cancelled(granted.requestId());
        grants.publish(REQUESTS, first);
        await().atMost(ASYNC).until(() -> handled(first.id()) == 1);
        // another cancellation of the same request (a different event id) finds the grant already revoked
        EventEnvelope second = cancelled(granted.requestId());
        grants.publish(REQUESTS, second);
        await().atMost(ASYNC).until(() -> handled(second.id()) == 1);

        assertThat(events(grants, AccessRevoked.class, r -> r.grantId().equals(granted.grantId()))).hasSize(1);
    }
}
