package io.eer.grant.infra.in;

import io.eer.contracts.events.Approved;
import io.eer.grant.application.GrantAccess;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Provisions access for each {@code Approved} on {@code eer.approvals}, once per event id and once per request. Only
 * approval-service's events count: an {@code Approved} from any other source is refused ({@link EventConsumer}).
 */
@ApplicationScoped
public class ApprovalConsumer {

    private final EventConsumer consumer;
    private final GrantAccess grantAccess;

    ApprovalConsumer(EventConsumer consumer, GrantAccess grantAccess) {
        this.consumer = consumer;
        this.grantAccess = grantAccess;
    }

    @Incoming("approvals")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onApprovalEvent(Message<String> record) {
        return consumer.consume(record, Approved.class, grantAccess::execute);
    }
}
