package io.eer.audit.ledger.infra.in;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka partition assignment for the ledger's consumer group: every partition goes to ONE member, the ledger's
 * writer; the others stand by with none. The writer stays the writer while it is alive (each member tells in its
 * subscription whether it holds partitions now); when it leaves or dies, the next rebalance gives everything to a
 * standby, which carries on from the committed offsets. Kafka's group protocol guarantees the exclusivity;
 * the {@code ledger_head} row lock still serialises appends should two ever overlap during a handover.
 *
 * <p>Kafka instantiates it per consumer ({@code partition.assignment.strategy}); its one field is this consumer's.
 */
public class SingleWriterAssignor implements ConsumerPartitionAssignor {

    private static final byte WRITER = 1;
    private static final byte STANDBY = 0;

    private volatile boolean writer;

    @Override
    public String name() {
        return "eer-single-writer";
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.wrap(new byte[] {writer ? WRITER : STANDBY});
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        writer = !assignment.partitions().isEmpty();
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> members = groupSubscription.groupSubscription();
        Map<String, List<TopicPartition>> assigned = new HashMap<>();
        members.keySet().forEach(member -> assigned.put(member, new ArrayList<>()));
        // per topic, among the members subscribed to it: members of another deployment sharing the group id (other
        // topics) never take this ledger's partitions, nor this ledger theirs
        Map<String, Map<String, Subscription>> subscribers = new TreeMap<>();
        members.forEach((member, subscription) -> subscription.topics().forEach(topic -> subscribers
                .computeIfAbsent(topic, t -> new HashMap<>()).put(member, subscription)));
        subscribers.forEach((topic, candidates) -> {
            List<TopicPartition> partitions = assigned.get(chooseWriter(candidates));
            for (PartitionInfo partition : metadata.partitionsForTopic(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        });
        Map<String, Assignment> assignments = new HashMap<>();
        assigned.forEach((member, partitions) -> assignments.put(member, new Assignment(partitions)));
        return new GroupAssignment(assignments);
    }

    /** The member that says it is the writer (the lowest id, should several), else the lowest id. */
    static String chooseWriter(Map<String, Subscription> members) {
        Comparator<String> byClaimThenId = Comparator.<String, Boolean>comparing(
                member -> !claimsWriter(members.get(member))).thenComparing(Comparator.naturalOrder());
        return members.keySet().stream().min(byClaimThenId).orElseThrow();
    }

    private static boolean claimsWriter(Subscription subscription) {
        ByteBuffer data = subscription.userData();
        return data != null && data.remaining() > 0 && data.get(data.position()) == WRITER;
    }
}
