package io.eer.review.infra.in;

import io.eer.review.application.ScheduleReviews;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code eer.requests}, {@code eer.approvals} and {@code eer.grants}, each event once:
 * {@code EmergencyRequested}, {@code Approved} and {@code AccessRevoked} feed the review intake; other events are
 * not ours. Failures follow {@link EventConsumer}: a database outage is waited out, a malformed or forged record goes
 * to the dead-letter topic.
 */
@ApplicationScoped
public class UpstreamConsumer {

    private final EventConsumer consumer;
    private final ScheduleReviews scheduleReviews;

    UpstreamConsumer(EventConsumer consumer, ScheduleReviews scheduleReviews) {
        this.consumer = consumer;
        this.scheduleReviews = scheduleReviews;
    }

    @Incoming("upstream") // batch channel: one poll's records, one transaction (EventConsumer.consumeBatch)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onEvent(KafkaRecordBatch<String, String> records) {
        return consumer.consumeBatch(records, scheduleReviews::execute);
    }
}
