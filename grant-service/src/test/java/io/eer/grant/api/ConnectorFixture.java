package io.eer.grant.api;

import static io.eer.grant.api.Fixtures.APPROVALS;
import static io.eer.grant.api.Fixtures.ASYNC;
import static io.eer.grant.api.Fixtures.GRANTS;
import static io.eer.grant.api.Fixtures.events;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.support.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the connector tests ({@link LdapConnectorTest}, {@link WebhookConnectorTest}) share: the seeded target, a
 * probe on {@code eer.grants}, and a grant driven the way it happens (a break-glass {@code Approved} published,
 * {@code AccessGranted} awaited) and its {@code AccessRevoked}.
 */
abstract class ConnectorFixture {

    static TopicProbe grants;

    @BeforeAll
    static void setUpConnectorFixture() throws Exception {
        TestDatabases.seedTarget();
        grants = new TopicProbe(GRANTS);
    }

    @AfterAll
    static void tearDownConnectorFixture() {
        if (grants != null) {
            grants.close();
        }
    }

    /** A break-glass {@code Approved} from approval-service for {@code role} on {@code system}, 3 minutes. */
    static EventEnvelope approved(String requestId, String beneficiary, String system, String role) {
        return EventEnvelope.of(UUID.randomUUID().toString(), "/eer/approval-service", Instant.now(),
                new Approved(requestId, List.of("policy:break-glass"), ApprovalMode.PRE_APPROVED, Duration.ofMinutes(3),
                        beneficiary, beneficiary, system, role, new PolicyRef("grant-tests", "1")));
    }

    /** Approves a new request and waits for its {@code AccessGranted}. */
    static AccessGranted grant(String beneficiary, String system, String role) {
        String requestId = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(requestId, beneficiary, system, role));
        return await().atMost(ASYNC).until(
                () -> events(grants, AccessGranted.class, g -> g.requestId().equals(requestId)),
                list -> !list.isEmpty()).get(0);
    }

    /** Waits for the {@code AccessRevoked} of {@code granted}. */
    static AccessRevoked revoked(AccessGranted granted) {
        return await().atMost(ASYNC).until(
                () -> events(grants, AccessRevoked.class, r -> r.requestId().equals(granted.requestId())),
                list -> !list.isEmpty()).get(0);
    }
}
