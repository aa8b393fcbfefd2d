package io.eer.grant.infra.in;

import io.eer.contracts.events.RequestCancelled;
import io.eer.grant.application.CancelGrant;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * {@code RequestCancelled} on {@code eer.requests}, once per event id: revoke the request's grant, or make sure it is
 * never provisioned. Other request events are not ours. Failures follow {@link EventConsumer}: a database outage is
 * retried until it succeeds; a malformed or forged record goes to {@code eer.dlq.grant}; a revocation the target
 * refuses stays due for the sweeper ({@code RevocationFailed}).
 */
@ApplicationScoped
public class RequestConsumer {

    private final EventConsumer consumer;
    private final CancelGrant cancelGrant;

    RequestConsumer(EventConsumer consumer, CancelGrant cancelGrant) {
        this.consumer = consumer;
        this.cancelGrant = cancelGrant;
    }

    @Incoming("requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onRequestEvent(Message<String> record) {
        return consumer.consume(record, RequestCancelled.class, cancelGrant::execute);
    }
}
