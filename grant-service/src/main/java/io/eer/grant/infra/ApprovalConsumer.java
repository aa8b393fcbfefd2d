package io.eer.grant.infra;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.Approved;
import io.eer.grant.application.GrantAccess;
import io.eer.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Provisions access for each {@code Approved} on {@code eer.approvals}, once per event id and once per request. */
@ApplicationScoped
public class ApprovalConsumer {

    private final Inbox inbox;
    private final GrantAccess grantAccess;

    ApprovalConsumer(Inbox inbox, GrantAccess grantAccess) {
        this.inbox = inbox;
        this.grantAccess = grantAccess;
    }

    @Incoming("approvals")
    @WithTransaction
    Uni<Void> onApprovalEvent(String payload) {
        EventEnvelope event = EventCodec.decode(payload);
        return inbox.once(event.id(), () -> event.data() instanceof Approved approved
                ? grantAccess.execute(approved)
                : Uni.createFrom().voidItem());
    }
}
