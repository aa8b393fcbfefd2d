package io.eer.review.api;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the review service's REST tests ({@link ReviewResourceTest}, {@link EvidenceResourceTest}) share: the
 * {@code test-review.} topics the upstream services publish on, a probe on {@code eer.reviews}, an upstream event
 * published as its producer would (CloudEvent with that producer's source), what the service published about a
 * request, and the test clock (back to real time after each test).
 */
abstract class ReviewFixture {

    static final String REQUESTS = "test-review.eer.requests";
    static final String APPROVALS = "test-review.eer.approvals";
    static final String GRANTS = "test-review.eer.grants";
    static final String SESSIONS = "test-review.eer.sessions";
    static final String GATEWAY = "test-review.eer.gateway";
    static final String REVIEWS = "test-review.eer.reviews";
    static final String DEAD_LETTERS = "test-review.eer.dlq.review";
    static final PolicyRef POLICY = new PolicyRef("eer-local", "2026-11-26.1");
    static final Duration WAIT = Duration.ofSeconds(30);

    static TopicProbe probe;

    @Inject
    SettableClock clock;

    @BeforeAll
    static void openReviewProbe() {
        probe = new TopicProbe(REVIEWS);
    }

    @AfterAll
    static void closeReviewProbe() {
        probe.close();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** {@code event} on {@code topic} from {@code source} (e.g. {@code /eer/grant-service}); the envelope sent. */
    static EventEnvelope publish(String topic, String source, DomainEvent event) {
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID().toString(), source, Instant.now(), event);
        probe.publish(topic, envelope);
        return envelope;
    }

    /** The events of {@code type} the service published about {@code requestId} so far. */
    static <T extends DomainEvent> List<T> published(String requestId, Class<T> type) {
        return probe.events().stream().filter(e -> e.subject().equals(requestId) && type.isInstance(e.data()))
                .map(e -> type.cast(e.data())).toList();
    }
}
