package io.eer.review.infra;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.EventTypes;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.review.domain.AccessUnderReview;
import io.eer.review.domain.ReviewStatus;
import io.eer.review.projection.ReviewGroupRow;
import io.eer.review.projection.ReviewRow;
import io.eer.support.outbox.EventStore;
import io.eer.support.outbox.StoredEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Where reviews and what they are built from live: received upstream events in {@code review_input}, each review's
 * public events in {@code domain_event} + {@code outbox} through {@link EventStore} (aggregate id = review id), and
 * the read model in {@code review} / {@code review_group}. Call inside a transaction.
 */
@ApplicationScoped
public class ReviewStore {

    private static final String SCHEDULED_TYPE = EventTypes.typeOf(ReviewScheduled.class);

    private final EventStore eventStore;
    private final Clock clock;

    ReviewStore(EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** Now, to the microsecond PostgreSQL keeps, so an answer built in memory shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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

    /** The request's history as the intake sees it: received upstream events, then the reviews scheduled for it. */
    public Uni<List<DomainEvent>> requestHistory(String requestId) {
        return ReceivedEvent.<ReceivedEvent>list("requestId = ?1 order by receivedAt, eventId", requestId)
                .chain(inputs -> StoredEvent.<StoredEvent>list(
                        "type = ?1 and aggregateId in (select r.reviewId from ReviewRow r where r.requestId = ?2)"
                                + " order by id", SCHEDULED_TYPE, requestId)
                        .map(scheduled -> {
                            List<DomainEvent> history = new ArrayList<>();
                            inputs.forEach(row -> history.add(EventCodec.decode(row.payload).data()));
                            scheduled.forEach(row -> history.add(EventCodec.decode(row.payload).data()));
                            return history;
                        }));
    }

    /** Keeps an upstream event the intake needs. */
    public Uni<Void> keep(EventEnvelope event) {
        ReceivedEvent row = new ReceivedEvent();
        row.eventId = event.id();
        row.requestId = event.data().requestId();
        row.type = event.type();
        row.payload = EventCodec.encodeToString(event);
        row.receivedAt = now();
        return row.persist().replaceWithVoid();
    }

    /** Records a new review: its {@code ReviewScheduled} (published through the outbox) and its read model. */
    public Uni<ReviewRow> schedule(AccessUnderReview access, ReviewScheduled scheduled) {
        ReviewRow row = new ReviewRow();
        row.reviewId = scheduled.reviewId();
        row.grantId = access.grantId();
        row.requestId = access.requestId();
        row.requester = access.requester();
        row.beneficiary = access.beneficiary();
        row.system = access.system();
        row.role = access.role();
        row.approvers = access.approvers();
        row.reviewerGroups = scheduled.reviewerGroups();
        row.excludedReviewers = scheduled.excludedReviewers();
        row.revokedAt = access.revokedAt();
        row.dueAt = scheduled.dueAt();
        row.status = ReviewStatus.OPEN;
        row.version = 1;
        row.scheduledAt = now();
        row.mandatory = access.mandatory();
        row.mandatoryReason = access.mandatory() ? AccessUnderReview.BREAK_GLASS : null;
        List<ReviewGroupRow> groups = scheduled.reviewerGroups().stream()
                .map(group -> ReviewGroupRow.of(row.reviewId, group)).toList();
        // flush the review first: the group rows reference it, and a second review of the grant fails right here
        return eventStore.append(row.reviewId, 0, Topics.REVIEWS, scheduled)
                .chain(() -> row.<ReviewRow>persistAndFlush())
                .chain(() -> ReviewGroupRow.persist(groups))
                .replaceWith(row);
    }

    /** The review row, locked until the transaction ends ({@code null} when unknown), and its events. */
    public record Loaded(ReviewRow row, List<DomainEvent> history) {
        public Loaded {
            history = List.copyOf(history);
        }
    }

    public Uni<Loaded> loadForUpdate(String reviewId) {
        return ReviewRow.<ReviewRow>findById(reviewId, LockModeType.PESSIMISTIC_WRITE)
                .chain(row -> row == null
                        ? Uni.createFrom().item(new Loaded(null, List.of()))
                        : eventStore.load(reviewId).map(events -> new Loaded(row,
                                events.stream().map(EventEnvelope::data).toList())));
    }

    /**
     * Records a refused attempt to complete a review ({@code AttemptRefused} on {@code eer.reviews}, keyed by the
     * request id). Its own aggregate, so the review's history (scheduled, completed) stays as it is.
     */
    public Uni<Void> recordRefusal(ReviewRow row, AttemptRefused refused, String attemptId) {
        return eventStore.append(row.reviewId + "/refused/" + attemptId, 0, Topics.REVIEWS, refused).replaceWithVoid();
    }

    /** The policy the request was decided under, from its {@code EmergencyRequested} ({@code null} if not kept). */
    public Uni<PolicyRef> policyOf(String requestId) {
        return requestHistory(requestId).map(history -> history.stream()
                .filter(EmergencyRequested.class::isInstance)
                .map(event -> ((EmergencyRequested) event).policy())
                .findFirst().orElse(null));
    }

    /** Records a completion: the {@code ReviewCompleted} event and the read model, in the caller's transaction. */
    public Uni<ReviewRow> complete(ReviewRow row, ReviewCompleted completed) {
        long expectedVersion = row.version;
        return eventStore.append(row.reviewId, expectedVersion, Topics.REVIEWS, completed).map(ignored -> {
            row.version = expectedVersion + 1;
            row.status = ReviewStatus.COMPLETED;
            row.outcome = completed.outcome();
            row.findings = completed.findings();
            row.reviewer = completed.reviewer();
            row.completedAt = now();
            return row;
        });
    }
}
