package io.eer.review.infra.out;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.EventTypes;
import io.eer.contracts.MalformedEventException;
import io.eer.contracts.Topics;
import io.eer.contracts.events.Values.ReviewOutcome;
import io.eer.review.domain.GrantId;
import io.eer.review.domain.Outcome;
import io.eer.review.domain.RequestId;
import io.eer.review.domain.ReviewEvent;
import io.eer.review.domain.ReviewEvent.AttestationGiven;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.review.domain.ReviewId;
import io.eer.support.eventsourcing.EventMapping;
import io.eer.support.eventsourcing.StoredForm;
import java.time.Instant;
import java.util.Set;

/**
 * {@code ReviewScheduled}, {@code ReviewCompleted} and {@code ReviewOverdue} are public (on {@code eer.reviews});
 * {@code AttestationGiven} is internal ({@code internal:AttestationGiven}): the beneficiary's statement stays in this
 * service and goes out only in the evidence pack, to those who may see the review.
 */
public final class ReviewEventMapping implements EventMapping<ReviewEvent> {

    public static final ReviewEventMapping INSTANCE = new ReviewEventMapping();

    public static final String SCHEDULED_TYPE = EventTypes.typeOf(io.eer.contracts.events.ReviewScheduled.class);
    public static final String COMPLETED_TYPE = EventTypes.typeOf(io.eer.contracts.events.ReviewCompleted.class);
    public static final String OVERDUE_TYPE = EventTypes.typeOf(io.eer.contracts.events.ReviewOverdue.class);
    public static final String ATTESTATION = "AttestationGiven";
    public static final String ATTESTATION_TYPE = "internal:" + ATTESTATION;
    /** The {@code domain_event.type}s of reviews (a rebuild skips anything else, e.g. AttemptRefused). */
    public static final Set<String> TYPES = Set.of(SCHEDULED_TYPE, COMPLETED_TYPE, OVERDUE_TYPE, ATTESTATION_TYPE);

    @Override
    public StoredForm toStored(ReviewEvent event) {
        if (event instanceof ReviewScheduled s) {
            return new StoredForm.Published(Topics.REVIEWS, new io.eer.contracts.events.ReviewScheduled(
                    s.reviewId().value(), s.grantId().value(), s.requestId().value(), s.reviewerGroups(),
                    s.excludedReviewers(), s.dueAt()));
        }
        if (event instanceof AttestationGiven a) {
            var body = io.eer.contracts.EventCodec.mapper().createObjectNode();
            body.put("reviewId", a.reviewId().value());
            body.put("by", a.by());
            body.put("statement", a.statement());
            body.put("at", a.at().toString());
            return new StoredForm.Internal(ATTESTATION, body);
        }
        if (event instanceof ReviewOverdue o) {
            return new StoredForm.Published(Topics.REVIEWS, new io.eer.contracts.events.ReviewOverdue(
                    o.reviewId().value(), o.grantId().value(), o.requestId().value(), o.dueAt(), o.reminder(),
                    o.reviewerGroups(), o.escalatedTo()));
        }
        ReviewCompleted c = (ReviewCompleted) event;
        return new StoredForm.Published(Topics.REVIEWS, new io.eer.contracts.events.ReviewCompleted(
                c.reviewId().value(), c.grantId().value(), c.requestId().value(), ReviewOutcome.valueOf(c.outcome().name()),
                c.findings(), c.reviewer()));
    }

    @Override
    public ReviewEvent fromPublished(EventEnvelope envelope) {
        if (envelope.data() instanceof io.eer.contracts.events.ReviewScheduled s) {
            return new ReviewScheduled(new ReviewId(s.reviewId()), new GrantId(s.grantId()),
                    new RequestId(s.requestId()), s.reviewerGroups(), s.excludedReviewers(), s.dueAt());
        }
        if (envelope.data() instanceof io.eer.contracts.events.ReviewCompleted c) {
            return new ReviewCompleted(new ReviewId(c.reviewId()), new GrantId(c.grantId()),
                    new RequestId(c.requestId()), c.outcome() == null ? null : Outcome.valueOf(c.outcome().name()),
                    c.findings(), c.reviewer());
        }
        if (envelope.data() instanceof io.eer.contracts.events.ReviewOverdue o) {
            return new ReviewOverdue(new ReviewId(o.reviewId()), new GrantId(o.grantId()), new RequestId(o.requestId()),
                    o.dueAt(), o.reminder(), o.reviewerGroups(), o.escalatedTo());
        }
        throw new MalformedEventException("a review's history holds " + envelope.type());
    }

    @Override
    public ReviewEvent fromInternal(String name, JsonNode body) {
        if (ATTESTATION.equals(name)) {
            return new AttestationGiven(new ReviewId(body.path("reviewId").asText()), body.path("by").asText(),
                    body.path("statement").asText(), Instant.parse(body.path("at").asText()));
        }
        throw new MalformedEventException("a review has no internal event " + name);
    }
}
