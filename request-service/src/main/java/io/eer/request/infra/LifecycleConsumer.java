package io.eer.request.infra;

import io.eer.request.application.TrackLifecycle;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes approval, grant and expiry events, each once, to keep request status current. Failures follow
 * {@link EventConsumer}: a database outage is waited out, a malformed or forged record goes to {@code eer.dlq.request}.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private final EventConsumer consumer;
    private final TrackLifecycle lifecycle;

    LifecycleConsumer(EventConsumer consumer, TrackLifecycle lifecycle) {
        this.consumer = consumer;
        this.lifecycle = lifecycle;
    }

    @Incoming("lifecycle")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onEvent(Message<String> record) {
        return consumer.consume(record, lifecycle::apply);
    }
}
