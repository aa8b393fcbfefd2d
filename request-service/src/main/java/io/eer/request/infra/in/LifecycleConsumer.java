package io.eer.request.infra.in;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.GrantFailed;
import io.eer.request.application.TrackLifecycle;
import io.eer.request.domain.RequestId;
import io.eer.request.domain.RequestStatus;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes approval, grant and expiry events, each once, and hands each as a lifecycle step to
 * {@link TrackLifecycle}. Failures follow {@link EventConsumer}: a database outage is waited out, a malformed or
 * forged record goes to {@code eer.dlq.request}.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private final EventConsumer consumer;
    private final TrackLifecycle lifecycle;

    LifecycleConsumer(EventConsumer consumer, TrackLifecycle lifecycle) {
        this.consumer = consumer;
        this.lifecycle = lifecycle;
    }

    @Incoming("lifecycle") // batch channel: one poll's records, one transaction (EventConsumer.consumeBatch)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onEvent(KafkaRecordBatch<String, String> records) {
        return consumer.consumeBatch(records, this::apply);
    }

    private Uni<Void> apply(EventEnvelope event) {
        DomainEvent data = event.data();
        RequestStatus reported = reported(data);
        if (reported == null) {
            return Uni.createFrom().voidItem(); // other types on these topics are not about a request's status
        }
        String grantId = data instanceof AccessGranted granted ? granted.grantId() : null;
        return lifecycle.execute(new RequestId(data.requestId()), reported, grantId);
    }

    static RequestStatus reported(DomainEvent data) {
        if (data instanceof Approved) {
            return RequestStatus.APPROVED;
        } else if (data instanceof Denied) {
            return RequestStatus.DENIED;
        } else if (data instanceof ApprovalTimedOut) {
            return RequestStatus.TIMED_OUT;
        } else if (data instanceof AccessGranted) {
            return RequestStatus.GRANTED;
        } else if (data instanceof GrantFailed) {
            return RequestStatus.GRANT_FAILED;
        } else if (data instanceof AccessExpired) {
            return RequestStatus.EXPIRED;
        } else if (data instanceof AccessRevoked) {
            return RequestStatus.REVOKED;
        }
        return null;
    }
}
