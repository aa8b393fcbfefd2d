package io.eer.gateway.infra.in;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessRevoked;
import io.eer.gateway.application.LiveSessions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Cuts a grant's gateway sessions when it is revoked ({@code AccessRevoked} on {@code eer.grants}) or expires
 * ({@code AccessExpired} on {@code eer.expiries}), independently of the connector's revocation on the target, and
 * moves their cut-off when it is extended ({@code AccessExtended} on {@code eer.grants}).
 * Every instance reads every record (a consumer group of its own, {@code session-gateway-<instance>}): sessions
 * live in one instance's memory. Nothing is stored, so no inbox: cutting twice is harmless. A record that is not a
 * CloudEvent or not from the topic's producer is logged and skipped (a forged revocation could only end sessions
 * early, but it is still not obeyed).
 */
@ApplicationScoped
public class GrantEndConsumer {

    private static final Logger LOG = Logger.getLogger(GrantEndConsumer.class);

    private final LiveSessions live;

    GrantEndConsumer(LiveSessions live) {
        this.live = live;
    }

    @Incoming("grants")
    Uni<Void> onGrantEvent(Message<String> record) {
        return handle(record);
    }

    @Incoming("expiries")
    Uni<Void> onExpiry(Message<String> record) {
        return handle(record);
    }

    private Uni<Void> handle(Message<String> record) {
        String topic = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic).orElse(null);
        try {
            EventEnvelope event = EventCodec.decode(record.getPayload() == null ? "" : record.getPayload());
            Optional<String> producer = Topics.producerOf(topic);
            if (producer.isEmpty() || !producer.get().equals(event.source())) {
                LOG.errorf("SECURITY source-mismatch on %s: not obeyed", topic);
            } else if (event.data() instanceof AccessRevoked revoked) {
                cut(revoked.grantId(), "access grant revoked");
            } else if (event.data() instanceof AccessExpired expired) {
                cut(expired.grantId(), "access grant expired");
            } else if (event.data() instanceof AccessExtended extended) {
                int open = live.extendGrant(extended.grantId(), extended.expiresAt());
                if (open > 0) {
                    LOG.infof("grant %s extended to %s: %d gateway session(s) last until then", extended.grantId(),
                            extended.expiresAt(), open);
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf("a record on %s is not a readable CloudEvent; skipped: %s", topic, e.getClass().getSimpleName());
        }
        return Uni.createFrom().completionStage(record.ack());
    }

    private void cut(String grantId, String reason) {
        int cut = live.cutGrant(grantId, reason);
        if (cut > 0) {
            LOG.infof("grant %s: %d gateway session(s) cut (%s)", grantId, cut, reason);
        }
    }
}
