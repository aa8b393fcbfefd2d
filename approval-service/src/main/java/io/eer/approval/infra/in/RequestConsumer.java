package io.eer.approval.infra.in;

import io.eer.approval.application.CancelApproval;
import io.eer.approval.application.OpenApproval;
import io.eer.approval.domain.ApprovalCommand;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestCancelled;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code eer.requests}, each event once: {@code EmergencyRequested} opens an approval,
 * {@code RequestCancelled} closes a pending one; other request events are not ours. Failures follow
 * {@link EventConsumer}: a database outage is waited out, a malformed or forged record goes to the dead-letter topic
 * (a request the domain refuses, e.g. without an approval plan, is an {@code IllegalArgumentException}: permanent).
 */
@ApplicationScoped
public class RequestConsumer {

    private final EventConsumer consumer;
    private final OpenApproval openApproval;
    private final CancelApproval cancelApproval;

    RequestConsumer(EventConsumer consumer, OpenApproval openApproval, CancelApproval cancelApproval) {
        this.consumer = consumer;
        this.openApproval = openApproval;
        this.cancelApproval = cancelApproval;
    }

    @Incoming("requests") // batch channel: one poll's records, one transaction (EventConsumer.consumeBatch)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onRequestEvent(KafkaRecordBatch<String, String> records) {
        return consumer.consumeBatch(records, this::dispatch);
    }

    private Uni<Void> dispatch(EventEnvelope event) {
        if (event.data() instanceof EmergencyRequested requested) {
            return openApproval.execute(RequestTranslation.open(requested, event.time()));
        } else if (event.data() instanceof RequestCancelled cancelled) {
            return cancelApproval.execute(cancelled.requestId(),
                    new ApprovalCommand.Cancel(cancelled.by(), event.time()));
        }
        return Uni.createFrom().voidItem();
    }
}
