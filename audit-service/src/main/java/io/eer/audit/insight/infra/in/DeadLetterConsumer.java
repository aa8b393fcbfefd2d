package io.eer.audit.insight.infra.in;

import io.eer.audit.ledger.config.AuditSettings;

import io.eer.audit.insight.application.AlertDispatcher;
import io.eer.audit.insight.application.AlertRules;
import io.eer.support.inbox.FailurePolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every record on another service's dead-letter topic ({@code eer.dlq.<service>}, channel {@code dead-letters})
 * raises a {@code dead-letter} alert (CRITICAL): which service, the record's original topic/partition/offset and the
 * kind of failure, from SmallRye's {@code dead-letter-*} headers; never the record's content (the value is not even
 * decoded). Keyed by the dead letter's own coordinates, so a redelivery raises nothing new. The audit service's own
 * {@code eer.dlq.audit} is not on the channel: the ledger raises {@code ledger-dead-letter} as it dead-letters.
 * When the database is unavailable the record waits (retried with back-off), so no dead letter goes unreported.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    private static final Logger LOG = Logger.getLogger(DeadLetterConsumer.class);
    /** What a header or key may look like to be quoted: ids, topic and class names, numbers. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:$/@-]{1,200}");
    private static final String DLQ = "eer.dlq.";

    private final AlertDispatcher alerts;
    private final AuditSettings settings;

    DeadLetterConsumer(AlertDispatcher alerts, AuditSettings settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    @Incoming("dead-letters")
    Uni<Void> onDeadLetter(KafkaRecord<String, byte[]> record) {
        AlertRules.Alert alert = alertFor(record.getTopic(), record.getPartition(), offset(record), record.getKey(),
                record.getHeaders());
        Context context = Vertx.currentContext();
        Executor onContext = command -> context.runOnContext(ignored -> command.run());
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> alerts.raise(List.of(alert))))
                .runSubscriptionOn(onContext)
                .onFailure(e -> !FailurePolicy.refusedRecord(e)).invoke(e -> LOG.errorf(
                        "no alert yet for the dead letter %s, retrying: %s", alert.key(), e.toString()))
                .onFailure(e -> !FailurePolicy.refusedRecord(e)).retry()
                .withBackOff(settings.appendBackoff(), settings.appendMaxBackoff()).indefinitely()
                .onFailure().invoke(e -> LOG.errorf("no alert for the dead letter %s: %s", alert.key(), e.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().completionStage(record::ack));
    }

    /** The alert for the dead letter at {@code topic/partition@offset}; a pure function of its metadata. */
    static AlertRules.Alert alertFor(String topic, int partition, long offset, String key, Headers headers) {
        String coordinates = "%s/%d@%d".formatted(topic, partition, offset);
        int at = topic.lastIndexOf(DLQ);
        String service = (at < 0 ? topic : topic.substring(at + DLQ.length())) + "-service";
        String original = "%s/%s@%s".formatted(header(headers, "dead-letter-topic"),
                header(headers, "dead-letter-partition"), header(headers, "dead-letter-offset"));
        String exception = header(headers, "dead-letter-exception-class-name");
        String cause = header(headers, "dead-letter-cause-class-name");
        String failure = "failure " + exception + (cause.equals("?") ? "" : ", cause " + cause);
        String requestId = key != null && PLAIN.matcher(key).matches() ? key : "unknown";
        return AlertRules.deadLetterRecord(requestId, plain(service), coordinates, original, failure);
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? "?"
                : plain(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String plain(String text) {
        return PLAIN.matcher(text).matches() ? text : "(unreadable)";
    }

    @SuppressWarnings("unchecked")
    private static long offset(KafkaRecord<String, byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
    }
}
