package io.eer.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Prepares the local bus as the super user {@code admin}: creates the topics, upserts one SCRAM-SHA-512 user per
 * service (password from {@code EER_KAFKA_PASSWORD_<PRINCIPAL>}) and creates the ACLs that
 * {@code deploy/local/kafka-acls.conf} describes. Idempotent (existing topics, users and ACLs are fine).
 *
 * <pre>java -cp ... io.eer.local.KafkaSetup &lt;bootstrap&gt; up|test &lt;acl-table&gt; [topic ...]</pre>
 *
 * {@code test} adds the table's test column (PREFIXED topics and groups that module tests use).
 */
public final class KafkaSetup {

    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaSetup() {
    }

    /** One line of the table. */
    record Principal(String name, List<String> writes, List<String> reads, List<String> groups, List<String> test) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !(args[1].equals("up") || args[1].equals("test"))) {
            System.err.println("usage: KafkaSetup <bootstrap> up|test <acl-table> [topic ...]");
            System.exit(64);
        }
        String bootstrap = args[0];
        boolean test = args[1].equals("test");
        List<Principal> table = parse(Files.readAllLines(Path.of(args[2])));
        Set<String> topics = new LinkedHashSet<>(List.of(args).subList(3, args.length));
        Instant deadline = Instant.now().plusSeconds(Long.getLong("eer.timeout.seconds", 60));

        try (Admin admin = Admin.create(CreateTopics.adminProperties(bootstrap, "eer-kafka-setup"))) {
            String topicSummary = CreateTopics.create(admin, topics, Integer.getInteger("eer.partitions", 3), deadline);
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (Principal p : table) {
                users.add(new UserScramCredentialUpsertion(p.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), KafkaClients.password(p.name())));
            }
            admin.alterUserScramCredentials(users).all().get();
            List<AclBinding> acls = acls(table, test);
            admin.createAcls(acls).all().get();
            System.out.printf("%s; %d users, %d ACLs (%s)%n", topicSummary, users.size(), acls.size(), test ? "with test prefixes" : "no test prefixes");
        }
    }

    static List<Principal> parse(List<String> lines) {
        List<Principal> table = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length != 5) {
                throw new IllegalArgumentException("kafka-acls.conf: expected 5 columns, got " + cols.length + ": " + line);
            }
            table.add(new Principal(cols[0], list(cols[1]), list(cols[2]), list(cols[3]), list(cols[4])));
        }
        return table;
    }

    private static List<String> list(String col) {
        return col.equals("-") ? List.of() : List.of(col.split(","));
    }

    /** The ACLs the table grants; {@code test} adds the test column. */
    static List<AclBinding> acls(List<Principal> table, boolean test) {
        List<AclBinding> acls = new ArrayList<>();
        for (Principal p : table) {
            p.writes().forEach(t -> acls.add(allow(p, ResourceType.TOPIC, t, AclOperation.WRITE)));
            p.reads().forEach(t -> acls.add(allow(p, ResourceType.TOPIC, t, AclOperation.READ)));
            p.groups().forEach(g -> acls.add(allow(p, ResourceType.GROUP, g, AclOperation.READ)));
            if (test) {
                for (String prefix : p.test()) {
                    for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE)) {
                        acls.add(allow(p, ResourceType.TOPIC, prefix, op));
                    }
                    acls.add(allow(p, ResourceType.GROUP, prefix, AclOperation.READ));
                }
            }
        }
        return acls;
    }

    private static AclBinding allow(Principal p, ResourceType type, String name, AclOperation op) {
        boolean prefixed = name.endsWith("*");
        ResourcePattern pattern = new ResourcePattern(type, prefixed ? name.substring(0, name.length() - 1) : name,
                prefixed ? PatternType.PREFIXED : PatternType.LITERAL);
        return new AclBinding(pattern, new AccessControlEntry("User:" + p.name(), "*", op, AclPermissionType.ALLOW));
    }
}
