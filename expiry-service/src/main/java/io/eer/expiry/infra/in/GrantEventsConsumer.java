package io.eer.expiry.infra.in;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.expiry.application.CancelTimer;
import io.eer.expiry.application.ExtendTimer;
import io.eer.expiry.application.ScheduleTimer;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Arms a timer for each {@code AccessGranted}, re-arms it at the later deadline of an {@code AccessExtended} and
 * disarms it on {@code AccessRevoked}, each event once. Failures
 * follow {@link EventConsumer}: a database outage is waited out (the grant's timer is armed once it is back), a
 * malformed or forged record goes to {@code eer.dlq.expiry}.
 */
@ApplicationScoped
public class GrantEventsConsumer {

    private final EventConsumer consumer;
    private final ScheduleTimer scheduleTimer;
    private final CancelTimer cancelTimer;
    private final TimerArming arming;
    private final ExtendTimer extendTimer;

    GrantEventsConsumer(EventConsumer consumer, ScheduleTimer scheduleTimer, CancelTimer cancelTimer,
            TimerArming arming, ExtendTimer extendTimer) {
        this.extendTimer = extendTimer;
        this.consumer = consumer;
        this.scheduleTimer = scheduleTimer;
        this.cancelTimer = cancelTimer;
        this.arming = arming;
    }

    @Incoming("grants") // batch channel: one poll's records, one transaction (EventConsumer.consumeBatch)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onGrantEvent(KafkaRecordBatch<String, String> records) {
        return consumer.consumeBatch(records, this::dispatch);
    }

    private Uni<Void> dispatch(EventEnvelope event) {
        if (event.data() instanceof AccessGranted granted) {
            // armed once the consumer's transaction committed (DuePoller.wakeAt): a wake-up before would find nothing
            return scheduleTimer.execute(granted.grantId(), granted.requestId(), granted.expiresAt())
                    .invoke(() -> arming.arm(granted.expiresAt()));
        } else if (event.data() instanceof AccessRevoked revoked) {
            return cancelTimer.execute(revoked.grantId(), revoked.requestId(),
                    revoked.reason() == null ? null : revoked.reason().name());
        }
        if (event.data() instanceof AccessExtended extended) {
            // the row moved in this transaction; the wake-up armed for the old deadline only causes an empty poll
            return extendTimer.execute(extended.grantId(), extended.requestId(), extended.expiresAt())
                    .invoke(moved -> moved.ifPresent(arming::arm)).replaceWithVoid();
        }
        return Uni.createFrom().voidItem(); // GrantFailed and later types on eer.grants are not ours
    }
}
