package io.eer.request.infra;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.request.application.TrackLifecycle;
import io.eer.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes approval, grant and expiry events, each once, to keep request status current. */
@ApplicationScoped
public class LifecycleConsumer {

    private final Inbox inbox;
    private final TrackLifecycle lifecycle;

    LifecycleConsumer(Inbox inbox, TrackLifecycle lifecycle) {
        this.inbox = inbox;
        this.lifecycle = lifecycle;
    }

    @Incoming("lifecycle")
    @WithTransaction
    Uni<Void> onEvent(String payload) {
        EventEnvelope event = EventCodec.decode(payload);
        return inbox.once(event.id(), () -> lifecycle.apply(event));
    }
}
