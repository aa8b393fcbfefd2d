package io.eer.audit.infra;

import io.eer.audit.application.AppendToLedger;
import io.eer.audit.domain.ledger.ReceivedEvent;
import io.eer.audit.projection.LedgerSignal;
import io.eer.contracts.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes every domain topic (channel {@code ledger}) and appends each CloudEvent to the ledger once, with the
 * topic, partition and offset it was read from. Bytes that are not a CloudEvent fail at once and go to the
 * dead-letter topic; any other failure (database unavailable, ...) is retried with back-off before it does. The
 * offset is committed only after the append transaction has committed.
 */
@ApplicationScoped
public class LedgerConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerConsumer.class);

    private final AppendToLedger appendToLedger;
    private final AuditSettings settings;
    private final LedgerSignal signal;

    LedgerConsumer(AppendToLedger appendToLedger, AuditSettings settings, LedgerSignal signal) {
        this.appendToLedger = appendToLedger;
        this.settings = settings;
        this.signal = signal;
    }

    @Incoming("ledger")
    Uni<Void> onRecord(String payload, IncomingKafkaRecordMetadata<String, String> kafka) {
        return Uni.createFrom()
                .item(() -> ReceivedEvent.parse(kafka.getTopic(), kafka.getPartition(), kafka.getOffset(),
                        payload == null ? null : payload.getBytes(StandardCharsets.UTF_8)))
                .onFailure().invoke(e -> LOG.warnf("not a CloudEvent, to the dead-letter topic: %s/%d@%d: %s",
                        kafka.getTopic(), kafka.getPartition(), kafka.getOffset(), e.getMessage()))
                .chain(received -> Uni.createFrom().deferred(() -> appendToLedger.execute(received))
                        .onFailure(e -> !(e instanceof MalformedEventException)).retry()
                        .withBackOff(settings.appendBackoff(), settings.appendMaxBackoff())
                        .atMost(settings.appendRetries())
                        .invoke(appended -> {
                            if (appended.isEmpty()) {
                                LOG.debugf("already in the ledger: %s", received);
                            } else {
                                signal.appended(); // committed: wake the SSE streams
                            }
                        }))
                .replaceWithVoid();
    }
}
