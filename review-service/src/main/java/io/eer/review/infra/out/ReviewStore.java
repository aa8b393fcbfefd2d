package io.eer.review.infra.out;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.Values.Principal;
import io.eer.review.domain.GrantId;
import io.eer.review.domain.UpstreamFact;
import io.eer.support.outbox.EventStore;
import io.eer.support.outbox.StoredEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the review intake keeps: the upstream events as received ({@code review_input}, canonical CloudEvent JSON),
 * the grants that have a review (their {@code ReviewScheduled} in {@code domain_event}), and refused attempts
 * ({@code AttemptRefused}, published). Call inside a transaction.
 */
@ApplicationScoped
public class ReviewStore {

    private final EventStore eventStore;
    private final Clock clock;

    ReviewStore(EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /**
     * Serialises the work on one request until the transaction ends, so an {@code AccessRevoked} and the
     * {@code EmergencyRequested} it waits for, handled at once by two consumers, still see each other.
     */
    public Uni<Void> lockRequest(String requestId) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(?1, 0))")
                        .setParameter(1, requestId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The upstream events received for the request, as the intake's facts, in the order they were received. */
    public Uni<List<UpstreamFact>> facts(String requestId) {
        return ReceivedEvent.<ReceivedEvent>list("requestId = ?1 order by receivedAt, eventId", requestId)
                .map(rows -> rows.stream()
                        .map(row -> UpstreamFacts.of(EventCodec.decode(row.payload)))
                        .flatMap(Optional::stream)
                        .toList());
    }

    /** An upstream fact with the id of the event it came in (the ledger knows the event by it). */
    public record Received(String eventId, UpstreamFact fact) {
    }

    /** {@link #facts} with their event ids. */
    public Uni<List<Received>> received(String requestId) {
        return ReceivedEvent.<ReceivedEvent>list("requestId = ?1 order by receivedAt, eventId", requestId)
                .map(rows -> rows.stream()
                        .flatMap(row -> UpstreamFacts.of(EventCodec.decode(row.payload)).stream()
                                .map(fact -> new Received(row.eventId, fact)))
                        .toList());
    }

    /** The grants of the request that have a review: their {@code ReviewScheduled} is in the event log. */
    public Uni<Set<GrantId>> reviewedGrants(String requestId) {
        // the read model (same transaction as each ReviewScheduled) finds the request's reviews; the events decide
        return StoredEvent.<StoredEvent>list("type = ?1 and aggregateId in"
                        + " (select v.reviewId from ReviewRow v where v.requestId = ?2)",
                        ReviewEventMapping.SCHEDULED_TYPE, requestId)
                .map(rows -> {
                    Set<GrantId> grants = new HashSet<>();
                    rows.forEach(row -> grants.add(((io.eer.review.domain.ReviewEvent.ReviewScheduled)
                            ReviewEventMapping.INSTANCE.fromPublished(EventCodec.decode(row.payload))).grantId()));
                    return grants;
                });
    }

    /** Keeps an upstream event the intake needs. */
    public Uni<Void> keep(EventEnvelope event) {
        ReceivedEvent row = new ReceivedEvent();
        row.eventId = event.id();
        row.requestId = event.data().requestId();
        row.type = event.type();
        row.payload = EventCodec.encodeToString(event);
        row.receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return row.persist().replaceWithVoid();
    }

    /**
     * Records a refused attempt to complete a review ({@code AttemptRefused} on {@code eer.reviews}, keyed by the
     * request id). Its own aggregate, so the review's history (scheduled, completed) stays as it is.
     */
    public Uni<Void> recordRefusal(String reviewId, String attemptId, String requestId, Principal actor, String action,
            String rule, String message) {
        return policyOf(requestId).chain(policy -> eventStore.append(reviewId + "/refused/" + attemptId, 0,
                Topics.REVIEWS, new AttemptRefused(requestId, actor, action, rule, message, policy)))
                .replaceWithVoid();
    }

    /** The policy the request was decided under, from its {@code EmergencyRequested} ({@code null} if not kept). */
    private Uni<PolicyRef> policyOf(String requestId) {
        return ReceivedEvent.<ReceivedEvent>list("requestId = ?1 order by receivedAt, eventId", requestId)
                .map(rows -> rows.stream()
                        .map(row -> EventCodec.decode(row.payload).data())
                        .filter(EmergencyRequested.class::isInstance)
                        .map(event -> ((EmergencyRequested) event).policy())
                        .findFirst().orElse(null));
    }
}
