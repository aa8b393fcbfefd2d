package io.eer.approval.infra.in;

import io.eer.approval.application.TellGrantFailure;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.GrantFailed;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code eer.grants}, each event once: {@code GrantFailed} tells the requester that their approved access
 * could not be granted; every other grant event is not ours. Failures follow {@link EventConsumer}.
 */
@ApplicationScoped
public class GrantConsumer {

    private final EventConsumer consumer;
    private final TellGrantFailure tellGrantFailure;

    GrantConsumer(EventConsumer consumer, TellGrantFailure tellGrantFailure) {
        this.consumer = consumer;
        this.tellGrantFailure = tellGrantFailure;
    }

    @Incoming("grants")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onGrantEvent(Message<String> record) {
        return consumer.consume(record, GrantFailed.class,
                failed -> tellGrantFailure.execute(failed.requestId(), failed.system(), failed.error()));
    }
}
