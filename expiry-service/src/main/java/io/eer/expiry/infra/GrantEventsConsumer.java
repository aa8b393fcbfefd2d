package io.eer.expiry.infra;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.expiry.application.CancelTimer;
import io.eer.expiry.application.ScheduleTimer;
import io.eer.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Arms a timer for each {@code AccessGranted} and disarms it on {@code AccessRevoked}, each event once. */
@ApplicationScoped
public class GrantEventsConsumer {

    private final Inbox inbox;
    private final ScheduleTimer scheduleTimer;
    private final CancelTimer cancelTimer;

    GrantEventsConsumer(Inbox inbox, ScheduleTimer scheduleTimer, CancelTimer cancelTimer) {
        this.inbox = inbox;
        this.scheduleTimer = scheduleTimer;
        this.cancelTimer = cancelTimer;
    }

    @Incoming("grants")
    @WithTransaction
    Uni<Void> onGrantEvent(String payload) {
        EventEnvelope event = EventCodec.decode(payload); // malformed → exception → dead-letter topic
        return inbox.once(event.id(), () -> {
            if (event.data() instanceof AccessGranted granted) {
                return scheduleTimer.execute(granted);
            } else if (event.data() instanceof AccessRevoked revoked) {
                return cancelTimer.execute(revoked);
            }
            return Uni.createFrom().voidItem(); // GrantFailed and later types on eer.grants are not ours
        });
    }
}
