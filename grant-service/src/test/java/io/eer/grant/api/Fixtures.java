package io.eer.grant.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Topics, actors and the upstream events grant-service consumes, published as their producers would. */
final class Fixtures {

    static final String APPROVALS = "test-grant.eer.approvals";
    static final String EXPIRIES = "test-grant.eer.expiries";
    static final String GRANTS = "test-grant.eer.grants";
    static final String SESSIONS = "test-grant.eer.sessions";
    static final String DEAD_LETTERS = "test-grant.eer.dlq.grant";
    static final Duration ASYNC = Duration.ofSeconds(30);

    static final String CAROL = TestTokens.contractor("carol", "oncall-dba");
    static final String MALLORY = TestTokens.employee("mallory", "oncall-dba", "secops-adjacent");
    static final String ADMIN = TestTokens.employee("erin", "eer-admins");
    static final String AUDITOR = TestTokens.employee("audrey", "auditors");
    static final String AGENT = TestTokens.employee("session-agent-1", "session-agents");

    private Fixtures() {
    }

    static EventEnvelope approved(String requestId, String system, String role, Duration duration) {
        return EventEnvelope.of(UUID.randomUUID().toString(), "/eer/approval-service", Instant.now(),
                new Approved(requestId, List.of("policy:break-glass-dba"), ApprovalMode.PRE_APPROVED, duration,
                        "carol", "carol", system, role, new PolicyRef("eer-local", "2026-11-26.1")));
    }

    static EventEnvelope expired(String grantId, String requestId) {
        Instant now = Instant.now();
        return EventEnvelope.of(UUID.randomUUID().toString(), "/eer/expiry-service", now,
                new AccessExpired(grantId, requestId, now, now, 0));
    }

    /** Events on the probe's topics about {@code requestId} that are of {@code type}. */
    static <T extends DomainEvent> List<T> events(TopicProbe probe, Class<T> type, Predicate<T> filter) {
        return probe.events().stream().map(EventEnvelope::data).filter(type::isInstance).map(type::cast)
                .filter(filter).toList();
    }

    /** Publishes an Approved for carol and waits for its AccessGranted. */
    static AccessGranted grant(TopicProbe grants, String role, Duration duration) {
        String requestId = UUID.randomUUID().toString();
        grants.publish(APPROVALS, approved(requestId, "payments-db", role, duration));
        return await().atMost(ASYNC).until(
                () -> events(grants, AccessGranted.class, g -> g.requestId().equals(requestId)),
                list -> !list.isEmpty()).get(0);
    }

    static Map<String, Object> fetchCredentials(String token, String grantId) {
        return given().auth().oauth2(token).get("/v1/grants/" + grantId + "/credentials")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .extract().as(Map.class);
    }

    static List<ConsumerRecord<String, String>> recordsAbout(TopicProbe probe, String text) {
        return probe.records().stream().filter(r -> r.value().contains(text)).toList();
    }

    static void assertNoSecret(String text, String password) {
        assertThat(text).doesNotContain(password);
    }
}
