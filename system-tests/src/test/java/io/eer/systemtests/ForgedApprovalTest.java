package io.eer.systemtests;

import static io.eer.systemtests.Actors.CAROL;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.PolicyRef;
import io.eer.support.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * One forged {@code Approved} on {@code eer.approvals}, for a request that never existed, must provision
 * nothing. The bus refuses it: without credentials the client never gets past the SASL handshake, and with another
 * service's credentials the ACLs (only approval-service may write eer.approvals) refuse the write.
 */
class ForgedApprovalTest {

    @Test
    void forgedApproved_withoutCredentials_orWithAnotherServicesCredentials_provisionsNothing() throws Exception {
        EerStack.get();
        String forgedRequestId = UUID.randomUUID().toString();
        EventEnvelope forged = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/approval-service", Instant.now(),
                new Approved(forgedRequestId, List.of("alice"), ApprovalMode.STANDARD, Duration.parse("P3650D"), "carol",
                        "carol", "payments-db", "db_admin", new PolicyRef("eer-local", "2026-11-26.1")));
        Set<String> loginsBefore = eerLogins();

        try (TopicProbe grants = new TopicProbe(Topics.GRANTS)) {
            // (a) no credentials: a PLAINTEXT client never completes the handshake and so never learns the topic
            Properties plaintext = new Properties();
            plaintext.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, Infra.kafka());
            assertThat(sendFails(plaintext, forged)).isInstanceOf(TimeoutException.class);

            // (b) review-service's own principal: authenticated, but not allowed to write eer.approvals
            Properties review = TopicProbe.clientProperties("review-service");
            assertThat(sendFails(review, forged)).isInstanceOf(AuthorizationException.class);
            review.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"); // then the refusal names the topic
            assertThat(sendFails(review, forged)).isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(Topics.APPROVALS);

            // (c) approval-service's name with a guessed password
            Properties guessed = TopicProbe.clientProperties("approval-service", "guessed-" + UUID.randomUUID());
            assertThat(sendFails(guessed, forged)).isInstanceOf(SaslAuthenticationException.class);

            // A genuine approval on the same key (so the same partition) as the forged one: once grant-service has
            // provisioned it, it would have seen anything that had reached the topic before it.
            String markerRequestId = UUID.randomUUID().toString();
            EventEnvelope marker = EventEnvelope.of(UUID.randomUUID().toString(), "/eer/approval-service", Instant.now(),
                    new Approved(markerRequestId, List.of("alice"), ApprovalMode.STANDARD, Duration.ofMinutes(10),
                            "carol", "carol", "payments-db", "read_only", new PolicyRef("eer-local", "2026-11-26.1")));
            grants.publishRaw(Topics.APPROVALS, forgedRequestId, EventCodec.encodeToString(marker));
            // generous: grant-service's three channels share one group, whose first rebalances are slow on a loaded machine
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                    as(CAROL, "grant").get("/v1/grants?requestId=" + markerRequestId).<List<Object>>path("$")).hasSize(1));
            String markerAccount = as(CAROL, "grant").get("/v1/grants?requestId=" + markerRequestId).path("[0].account");

            assertThat(as(CAROL, "grant").get("/v1/grants?requestId=" + forgedRequestId).<List<Object>>path("$")).isEmpty();
            assertThat(grantRows(forgedRequestId)).isZero();
            Set<String> newLogins = new HashSet<>(eerLogins());
            newLogins.removeAll(loginsBefore);
            assertThat(newLogins).isSubsetOf(markerAccount == null ? Set.of() : Set.of(markerAccount));
            assertThat(grants.records()).noneMatch(record -> forgedRequestId.equals(record.key())
                    || record.value().contains(forgedRequestId));
        }
    }

    /** Sends {@code event} to eer.approvals with {@code props} and returns why it failed (it must fail). */
    private static Throwable sendFails(Properties props, EventEnvelope event) throws InterruptedException {
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "4000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "8000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.APPROVALS, event.subject(),
                    EventCodec.encodeToString(event));
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (org.apache.kafka.common.KafkaException e) {
            return e;
        }
        throw new AssertionError("the forged Approved was accepted by the broker");
    }

    private static int grantRows(String requestId) throws SQLException {
        try (Connection db = Infra.connect("sys_grant");
                var query = db.prepareStatement("select count(*) from grant_view where request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** The temporary logins EER made on the target ({@code eer_*}). */
    private static Set<String> eerLogins() throws SQLException {
        Set<String> logins = new HashSet<>();
        try (Connection target = Infra.connect(Infra.TARGET_DB); Statement sql = target.createStatement();
                ResultSet rows = sql.executeQuery("select rolname from pg_roles where rolname like 'eer\\_%' and rolcanlogin")) {
            while (rows.next()) {
                logins.add(rows.getString(1));
            }
        }
        return logins;
    }
}
