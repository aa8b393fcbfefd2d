package io.eer.review.infra;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.review.application.ScheduleReviews;
import io.eer.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code eer.requests}, {@code eer.approvals} and {@code eer.grants}, each event once:
 * {@code EmergencyRequested}, {@code Approved} and {@code AccessRevoked} feed the review intake; other events are
 * not ours. A malformed event fails and goes to the dead-letter topic.
 */
@ApplicationScoped
public class UpstreamConsumer {

    private final Inbox inbox;
    private final ScheduleReviews scheduleReviews;

    UpstreamConsumer(Inbox inbox, ScheduleReviews scheduleReviews) {
        this.inbox = inbox;
        this.scheduleReviews = scheduleReviews;
    }

    @Incoming("upstream")
    @WithTransaction
    Uni<Void> onEvent(String payload) {
        EventEnvelope event = EventCodec.decode(payload);
        return inbox.once(event.id(), () -> scheduleReviews.execute(event));
    }
}
