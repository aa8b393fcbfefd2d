package io.eer.audit.ledger.infra.in;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which ledger partitions this instance's consumer holds now (channel {@code ledger}'s rebalance listener). With
 * {@link SingleWriterAssignor} that is all of them (this instance is the ledger's writer) or none (a standby).
 */
@ApplicationScoped
@Identifier(LedgerPartitions.NAME)
public class LedgerPartitions implements KafkaConsumerRebalanceListener {

    /** The bean name the channel configuration refers to (consumer-rebalance-listener.name). */
    public static final String NAME = "ledger-partitions";

    private static final Logger LOG = Logger.getLogger(LedgerPartitions.class);

    private final Set<TopicPartition> held = ConcurrentHashMap.newKeySet();

    /** Whether this instance consumes the ledger's topics, that is, appends to the ledger. */
    public boolean writer() {
        return !held.isEmpty();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held.addAll(partitions);
        LOG.infof(held.isEmpty() ? "ledger consumer: standby, no partitions"
                : "ledger consumer: this instance is the ledger's writer (%d partitions)", held.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held.removeAll(partitions);
    }
}
