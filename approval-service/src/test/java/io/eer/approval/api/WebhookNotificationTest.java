package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.decide;
import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.publish;
import static io.eer.approval.api.Fixtures.published;
import static io.eer.approval.api.Fixtures.requested;
import static io.eer.approval.api.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.approval.api.WebhookRecorder.Post;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.eer.support.webhook.WebhookSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Approver notifications posted to a real HTTP receiver: content, escalation, break-glass notice, outage. */
@QuarkusTest
@QuarkusTestResource(WebhookRecorder.class)
class WebhookNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static final String LOU = TestTokens.employee("lou", "oncall-leads");

    private static TopicProbe probe;

    @Inject
    SettableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Fixtures.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    private static List<Post> delivered(String id) {
        return WebhookRecorder.postsAbout(id).stream().filter(post -> post.answered() == 200).toList();
    }

    private static JsonNode json(Post post) throws Exception {
        return JSON.readTree(post.body());
    }

    @Test
    void waitingApproval_isPostedAsSlackMessage_withALinkToDecide() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));
        Post post = delivered(id).get(0);
        assertThat(post.contentType()).startsWith("application/json");
        JsonNode body = json(post);
        String link = "https://eer.example.test/approvals-api/v1/approvals/" + id;
        assertThat(body.path("text").asText()).contains("@secops", "dave", "db_admin", "payments-db", link);
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("section");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).contains("<" + link + "|");
        JsonNode button = body.path("blocks").get(1).path("elements").get(0);
        assertThat(button.path("type").asText()).isEqualTo("button");
        assertThat(button.path("url").asText()).isEqualTo(link);
        // signed with the configured secret over the exact bytes; a changed byte does not verify
        byte[] bytes = post.body().getBytes(StandardCharsets.UTF_8);
        WebhookSigner signer = WebhookSigner.withSecret("test-webhook-secret");
        assertThat(signer.verify(bytes, post.signature(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        bytes[bytes.length / 2] ^= 1;
        assertThat(signer.verify(bytes, post.signature(), Instant.now(), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void escalation_isPostedAgain_toTheNextGroup() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, new ApprovalPlan(ApprovalMode.EXPEDITED,
                List.of("oncall-leads"), 1, false, Duration.ofMinutes(10), List.of("secops"), null, null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1)); // the decision timeout passes, no waiting
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(2));
        assertThat(json(delivered(id).get(0)).path("text").asText()).startsWith("Approval needed from @oncall-leads");
        String escalated = json(delivered(id).get(1)).path("text").asText();
        assertThat(escalated).startsWith("Escalated (level 1) from oncall-leads to @secops")
                .contains("/v1/approvals/" + id);
    }

    @Test
    void breakGlass_postsANoticeForTheSoc() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", "INC-2024",
                new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of("secops"), 0)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));
        JsonNode body = json(delivered(id).get(0));
        assertThat(body.path("text").asText()).startsWith("BREAK-GLASS: dave").contains("INC-2024",
                "mandatory post-access review");
        assertThat(body.path("blocks")).hasSize(1);
    }

    @Test
    void webhookOutage_neitherBlocksDecisions_norLosesTheNotification() {
        String id = newId();
        WebhookRecorder.failFor(id, 3);
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());

        // while the webhook is down, the approver still decides and Approved is published
        await().atMost(WAIT).untilAsserted(() -> assertThat(WebhookRecorder.postsAbout(id)).isNotEmpty());
        decide(SAM, id, "{\"decision\":\"APPROVE\"}").statusCode(200).body("status", equalTo("APPROVED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Approved.class)).hasSize(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));
        assertThat(WebhookRecorder.postsAbout(id)).extracting(Post::answered).containsExactly(503, 503, 503, 200);
    }

    @Test
    void noApprover_isNotifiedTwice_forOneWaitingRequest() {
        String first = newId();
        publish(probe, requested(first, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.EXPEDITED, List.of("oncall-leads"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(LOU, "pending", first)).isNotNull());
        // a marker queued after it: once the marker is delivered, the first had its chance to be posted twice
        String marker = newId();
        publish(probe, requested(marker, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(marker)).hasSize(1));
        assertThat(delivered(first)).hasSize(1);
    }

    @Test
    void valuesFromTheRequest_areEscapedForSlack_soTheyCannotPingOrLink() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "eve <!channel> @here <https://evil.example|x>", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));
        JsonNode body = json(delivered(id).get(0));
        for (String text : List.of(body.path("text").asText(),
                body.path("blocks").get(0).path("text").path("text").asText())) {
            assertThat(text).doesNotContain("<!channel>", "@here", "<https://evil").contains("&lt;!channel&gt;",
                    "@\u2060here", "@secops");
        }
    }
}
