package io.eer.grant.infra;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.RequestCancelled;
import io.eer.grant.application.CancelGrant;
import io.eer.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code RequestCancelled} on {@code eer.requests}, once per event id: revoke the request's grant, or make sure it is
 * never provisioned. Other request events are not ours. A revocation that cannot reach the target fails the
 * message (after retries), which then goes to {@code eer.dlq.grant}.
 */
@ApplicationScoped
public class RequestConsumer {

    private final Inbox inbox;
    private final CancelGrant cancelGrant;

    RequestConsumer(Inbox inbox, CancelGrant cancelGrant) {
        this.inbox = inbox;
        this.cancelGrant = cancelGrant;
    }

    @Incoming("requests")
    @WithTransaction
    Uni<Void> onRequestEvent(String payload) {
        EventEnvelope event = EventCodec.decode(payload);
        return inbox.once(event.id(), () -> event.data() instanceof RequestCancelled cancelled
                ? cancelGrant.execute(cancelled)
                : Uni.createFrom().voidItem());
    }
}
