package io.eer.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Kafka topics (3 partitions, replication factor 1) and waits until every partition
 * has a leader. Existing topics are left as they are.
 *
 * <pre>java -cp ... io.eer.local.CreateTopics 127.0.0.1:29092 eer.requests eer.approvals ...</pre>
 *
 * Connects as the super user {@code admin} (EER_KAFKA_PASSWORD_ADMIN). {@link KafkaSetup} runs the same steps.
 *
 * System properties: {@code eer.partitions} (default 3), {@code eer.timeout.seconds} (default 60).
 */
public final class CreateTopics {

    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CreateTopics <bootstrap> [topic ...]");
            System.exit(64);
        }
        String bootstrap = args[0];
        Set<String> topics = new LinkedHashSet<>(List.of(args).subList(1, args.length));
        int partitions = Integer.getInteger("eer.partitions", 3);
        Instant deadline = Instant.now().plusSeconds(Long.getLong("eer.timeout.seconds", 60));

        try (Admin admin = Admin.create(adminProperties(bootstrap, "eer-create-topics"))) {
            System.out.println(create(admin, topics, partitions, deadline));
        }
    }

    /** The super user {@code admin} (password from EER_KAFKA_PASSWORD_ADMIN), with short timeouts. */
    static Properties adminProperties(String bootstrap, String clientId) {
        Properties props = KafkaClients.as("admin", bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return props;
    }

    /** Creates the missing topics, waits for their leaders and returns a one-line summary. */
    static String create(Admin admin, Set<String> topics, int partitions, Instant deadline) throws Exception {
        int created = 0;
        int existed = 0;
        Set<String> pending = new LinkedHashSet<>(topics);
        Exception last = null;
        while (!pending.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out creating topics " + pending, last);
            }
            List<NewTopic> batch = new ArrayList<>();
            for (String t : pending) {
                batch.add(new NewTopic(t, partitions, (short) 1));
            }
            CreateTopicsResult result = admin.createTopics(batch);
            for (Map.Entry<String, KafkaFuture<Void>> e : result.values().entrySet()) {
                try {
                    e.getValue().get(remaining(deadline), TimeUnit.MILLISECONDS);
                    created++;
                    pending.remove(e.getKey());
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof TopicExistsException) {
                        existed++;
                        pending.remove(e.getKey());
                    } else if (ex.getCause() instanceof RetriableException) {
                        last = ex;
                    } else {
                        throw new IllegalStateException("cannot create topic " + e.getKey(), ex.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException ex) {
                    last = ex;
                }
            }
            if (!pending.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(200); // back-off between retries of a retriable error
            }
        }
        awaitLeaders(admin, topics, deadline);
        return String.format("topics ready: %d created, %d already existed", created, existed);
    }

    /** Polls topic metadata until every partition of every topic has a leader. */
    private static void awaitLeaders(Admin admin, Set<String> topics, Instant deadline) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Map<String, TopicDescription> all = admin.describeTopics(topics).allTopicNames()
                        .get(remaining(deadline), TimeUnit.MILLISECONDS);
                boolean ready = all.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof RetriableException)) {
                    throw ex;
                }
                last = ex;
            }
            // metadata propagation inside a single KRaft node takes milliseconds; poll gently
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for partition leaders of " + topics, last);
    }

    private static long remaining(Instant deadline) {
        return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }
}
