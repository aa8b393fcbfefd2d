package io.eer.approval.infra;

import io.eer.approval.application.CancelApproval;
import io.eer.approval.application.OpenApproval;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestCancelled;
import io.eer.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code eer.requests}, each event once: {@code EmergencyRequested} opens an approval,
 * {@code RequestCancelled} closes a pending one; other request events are not ours. A malformed event fails and
 * goes to the dead-letter topic.
 */
@ApplicationScoped
public class RequestConsumer {

    private final Inbox inbox;
    private final OpenApproval openApproval;
    private final CancelApproval cancelApproval;

    RequestConsumer(Inbox inbox, OpenApproval openApproval, CancelApproval cancelApproval) {
        this.inbox = inbox;
        this.openApproval = openApproval;
        this.cancelApproval = cancelApproval;
    }

    @Incoming("requests")
    @WithTransaction
    Uni<Void> onRequestEvent(String payload) {
        EventEnvelope event = EventCodec.decode(payload);
        return inbox.once(event.id(), () -> {
            if (event.data() instanceof EmergencyRequested requested) {
                return openApproval.execute(requested, event.time());
            } else if (event.data() instanceof RequestCancelled cancelled) {
                return cancelApproval.execute(cancelled, event.time());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
