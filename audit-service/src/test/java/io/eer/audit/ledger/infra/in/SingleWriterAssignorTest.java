package io.eer.audit.ledger.infra.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SingleWriterAssignorTest {

    private static final List<String> TOPICS = List.of("eer.requests", "eer.grants");
    private static final Node BROKER = new Node(0, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("c", List.of(BROKER), List.of(
            partition("eer.requests", 0), partition("eer.requests", 1), partition("eer.requests", 2),
            partition("eer.grants", 0), partition("eer.grants", 1), partition("eer.grants", 2),
            partition("other.eer.requests", 0), partition("other.eer.requests", 1)), Set.of(), Set.of());

    private static PartitionInfo partition(String topic, int partition) {
        return new PartitionInfo(topic, partition, BROKER, new Node[] {BROKER}, new Node[] {BROKER});
    }

    /** The assignor of a consumer that was last handed {@code partitions} (none: a standby). */
    private static SingleWriterAssignor after(List<TopicPartition> partitions) {
        SingleWriterAssignor assignor = new SingleWriterAssignor();
        assignor.onAssignment(new Assignment(partitions), new ConsumerGroupMetadata("audit-service"));
        return assignor;
    }

    private static Subscription member(SingleWriterAssignor assignor) {
        return new Subscription(TOPICS, assignor.subscriptionUserData(Set.copyOf(TOPICS)));
    }

    private static Map<String, List<TopicPartition>> assign(Map<String, Subscription> members) {
        GroupAssignment result = new SingleWriterAssignor().assign(CLUSTER, new GroupSubscription(members));
        Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
        result.groupAssignment().forEach((member, assignment) -> partitions.put(member, assignment.partitions()));
        return partitions;
    }

    @Test
    void assign_whenNoMemberIsTheWriterYet_givesEveryPartitionToOne() {
        Map<String, Subscription> members = new LinkedHashMap<>();
        members.put("member-b", member(new SingleWriterAssignor()));
        members.put("member-a", member(new SingleWriterAssignor()));

        Map<String, List<TopicPartition>> assigned = assign(members);

        assertThat(assigned.get("member-a")).hasSize(6)
                .contains(new TopicPartition("eer.requests", 2), new TopicPartition("eer.grants", 0));
        assertThat(assigned.get("member-b")).isEmpty();
    }

    @Test
    void assign_whenAMemberAlreadyIsTheWriter_keepsIt_evenIfAnotherIdSortsFirst() {
        Map<String, Subscription> members = new LinkedHashMap<>();
        members.put("member-a", member(new SingleWriterAssignor())); // a standby that joined later
        members.put("member-z", member(after(List.of(new TopicPartition("eer.requests", 0)))));

        Map<String, List<TopicPartition>> assigned = assign(members);

        assertThat(assigned.get("member-z")).hasSize(6);
        assertThat(assigned.get("member-a")).isEmpty();
    }

    @Test
    void subscription_saysStandby_afterAnAssignmentWithoutPartitions() {
        SingleWriterAssignor assignor = after(List.of(new TopicPartition("eer.requests", 0)));
        assignor.onAssignment(new Assignment(List.of()), new ConsumerGroupMetadata("audit-service"));
        Map<String, Subscription> members = new LinkedHashMap<>();
        members.put("member-z", member(assignor));
        members.put("member-a", member(new SingleWriterAssignor()));

        assertThat(assign(members).get("member-a")).hasSize(6);
    }

    @Test
    void assign_whenAnotherDeploymentSharesTheGroupId_neitherTakesTheOthersTopics() {
        SingleWriterAssignor otherWriter = after(List.of(new TopicPartition("other.eer.requests", 0)));
        Map<String, Subscription> members = new LinkedHashMap<>();
        members.put("member-0", new Subscription(List.of("other.eer.requests"),
                otherWriter.subscriptionUserData(Set.of("other.eer.requests"))));
        members.put("member-b", member(new SingleWriterAssignor()));
        members.put("member-c", member(new SingleWriterAssignor()));

        Map<String, List<TopicPartition>> assigned = assign(members);

        assertThat(assigned.get("member-0")).extracting(TopicPartition::topic).containsOnly("other.eer.requests")
                .hasSize(2);
        assertThat(assigned.get("member-b")).hasSize(6).extracting(TopicPartition::topic)
                .containsOnly("eer.requests", "eer.grants");
        assertThat(assigned.get("member-c")).isEmpty();
    }

    @Test
    void chooseWriter_whenSeveralSayTheyAreTheWriter_takesTheLowestIdAmongThem() {
        ByteBuffer writer = ByteBuffer.wrap(new byte[] {1});
        Map<String, Subscription> members = Map.of("member-a", new Subscription(TOPICS, ByteBuffer.wrap(new byte[] {0})),
                "member-c", new Subscription(TOPICS, writer.duplicate()),
                "member-b", new Subscription(TOPICS, writer.duplicate()));
        assertThat(SingleWriterAssignor.chooseWriter(members)).isEqualTo("member-b");
    }
}
