package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.decide;
import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.publish;
import static io.eer.approval.api.Fixtures.published;
import static io.eer.approval.api.Fixtures.requested;
import static io.eer.approval.api.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.approval.api.WebhookRecorder.Post;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.eer.support.time.SettableClock;
import io.eer.support.webhook.WebhookSigner;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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

/**
 * Notifications posted to a real HTTP receiver: approvers' (content, the "Decide" link followed, escalation,
 * break-glass notice), the requester's outcome, outage, give-up, and that no post runs inside a transaction.
 */
@QuarkusTest
@QuarkusTestResource(WebhookRecorder.class)
class WebhookNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static final String LOU = TestTokens.employee("lou", "oncall-leads");

    private static TopicProbe probe;

    private static final String GRANTS = "test-approval.eer.grants";
    private static final String PUBLIC_URL = "https://eer.example.test/approvals-api";

    @Inject
    SettableClock clock;

    @Inject
    Pool pool;

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

    private static List<Post> delivered(String id, String kind) {
        return WebhookRecorder.postsAbout(id, kind).stream().filter(post -> post.answered() == 200).toList();
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

        // the approver notice (the requester's outcome notice is about the same request, and posted after it)
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id, "APPROVAL_WAITING")).hasSize(1));
        assertThat(WebhookRecorder.postsAbout(id, "APPROVAL_WAITING")).extracting(Post::answered)
                .containsExactly(503, 503, 503, 200);
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

    @Test
    void decideLink_followedWithAnApproverToken_answersThatApproval() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));
        JsonNode body = json(delivered(id).get(0));
        String button = body.path("blocks").get(1).path("elements").get(0).path("url").asText();
        // the same link in the fallback text and the section as on the button
        assertThat(body.path("text").asText()).endsWith(" " + button);
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).contains("<" + button + "|");
        assertThat(button).startsWith(PUBLIC_URL + "/");

        // followed on this service (public-url is where it is reached): the approver sees the approval
        String path = button.substring(PUBLIC_URL.length());
        given().auth().oauth2(SAM).get(path).then().statusCode(200)
                .body("requestId", equalTo(id)).body("status", equalTo("PENDING"));
        given().auth().oauth2(LOU).get(path).then().statusCode(404);
        given().get(path).then().statusCode(401);
    }

    @Test
    void escalationLink_followedByTheGroupItCalls_answersThatApproval() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, new ApprovalPlan(ApprovalMode.EXPEDITED,
                List.of("oncall-leads"), 1, false, Duration.ofMinutes(10), List.of("secops"), null, null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id, "APPROVAL_ESCALATED")).hasSize(1));

        JsonNode body = json(delivered(id, "APPROVAL_ESCALATED").get(0));
        assertThat(body.path("eer").path("groups").get(0).asText()).isEqualTo("secops");
        String button = body.path("blocks").get(1).path("elements").get(0).path("url").asText();
        given().auth().oauth2(SAM).get(button.substring(PUBLIC_URL.length())).then().statusCode(200)
                .body("requestId", equalTo(id)).body("escalationLevel", equalTo(1));
    }

    @Test
    void requester_isToldOfTheApproval_signed_withoutALinkTheyCouldNotOpen() throws Exception {
        String id = pendingForSecops();
        assertThat(WebhookRecorder.postsAbout(id, "REQUEST_APPROVED")).isEmpty();
        decide(SAM, id, "{\"decision\":\"APPROVE\"}").statusCode(200);

        JsonNode body = requesterNotice(id, "REQUEST_APPROVED");
        assertThat(body.path("text").asText()).contains("db_admin on payments-db", "was APPROVED by sam");
    }

    /**
     * The one delivered notice of {@code kind} about {@code id}: for the requester (dave), signed with the configured
     * secret, no link (the approval view is for approvers), one section; its body.
     */
    private static JsonNode requesterNotice(String id, String kind) throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id, kind)).hasSize(1));
        Post post = delivered(id, kind).get(0);
        JsonNode body = json(post);
        assertThat(body.path("eer").path("audience").asText()).isEqualTo("REQUESTER");
        assertThat(body.path("eer").path("user").asText()).isEqualTo("dave");
        assertThat(body.path("eer").path("requestId").asText()).isEqualTo(id);
        assertThat(body.path("text").asText()).startsWith("Your request " + id).doesNotContain("/v1/approvals/");
        assertThat(body.path("blocks")).hasSize(1);
        byte[] bytes = post.body().getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSigner.withSecret("test-webhook-secret")
                .verify(bytes, post.signature(), Instant.now(), Duration.ofMinutes(5))).isTrue();
        return body;
    }

    @Test
    void requester_isToldOfTheDenial_withTheReason_escapedForSlack() throws Exception {
        String id = pendingForSecops();
        decide(SAM, id, "{\"decision\":\"DENY\",\"comment\":\"no ticket <!channel>\"}").statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id, "REQUEST_DENIED")).hasSize(1));
        String text = json(delivered(id, "REQUEST_DENIED").get(0)).path("text").asText();
        assertThat(text).contains("was DENIED by sam: no ticket &lt;!channel&gt;").doesNotContain("<!channel>");
        assertThat(WebhookRecorder.postsAbout(id, "REQUEST_APPROVED")).isEmpty();
    }

    @Test
    void requester_isToldTheRequestTimedOut_withoutPingingTheApprovers() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null, new ApprovalPlan(ApprovalMode.STANDARD,
                List.of("secops"), 1, false, null, null, Duration.ofMinutes(30), null)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id, "REQUEST_TIMED_OUT")).hasSize(1));
        String text = json(delivered(id, "REQUEST_TIMED_OUT").get(0)).path("text").asText();
        assertThat(text).contains("TIMED OUT undecided (REQUEST_VALIDITY_EXPIRED; asked secops)")
                .doesNotContain("@secops");
    }

    @Test
    void requester_isToldTheApprovedGrantFailed_signed_withTheErrorEscaped() throws Exception {
        String id = pendingForSecops();
        decide(SAM, id, "{\"decision\":\"APPROVE\"}").statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id, "REQUEST_APPROVED")).hasSize(1));

        grantFailed(id, "connector timed out <!channel>");

        JsonNode body = requesterNotice(id, "GRANT_FAILED");
        assertThat(body.path("text").asText())
                .contains("could NOT be granted on payments-db: connector timed out &lt;!channel&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void grantFailed_forARequestNotApprovedHere_tellsNobody() {
        String pending = pendingForSecops();
        String eventId = grantFailed(pending, "no connector");
        String unknown = newId();
        String other = grantFailed(unknown, "no connector");

        // handled (inbox) in the same transaction that would have queued the notice: nothing queued
        await().atMost(WAIT).untilAsserted(() -> assertThat(handled(eventId) && handled(other)).isTrue());
        for (String id : List.of(pending, unknown)) {
            assertThat(pool.preparedQuery("select count(*) from approval_notification where request_id = $1"
                    + " and kind = 'GRANT_FAILED'").execute(Tuple.of(id)).await().atMost(WAIT).iterator().next()
                    .getLong(0)).isZero();
        }
    }

    /** grant-service's GrantFailed about {@code requestId} on its topic; the event's id. */
    private static String grantFailed(String requestId, String error) {
        String eventId = newId();
        probe.publish(GRANTS, EventEnvelope.of(eventId, "/eer/grant-service", Instant.now(),
                new GrantFailed(requestId, "payments-db", "postgres", error)));
        return eventId;
    }

    private boolean handled(String eventId) {
        return pool.preparedQuery("select 1 from processed_event where event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(WAIT).size() == 1;
    }

    @Test
    void breakGlassWithoutIncident_requesterIsToldOfThePolicyDenial() throws Exception {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.PRE_APPROVED, List.of("secops"), 0)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id, "REQUEST_DENIED")).hasSize(1));
        assertThat(json(delivered(id, "REQUEST_DENIED").get(0)).path("text").asText())
                .contains("was DENIED by policy:eer-local@\u20602026-11-26.2: incident-required");
        assertThat(WebhookRecorder.postsAbout(id, "BREAK_GLASS")).isEmpty();
    }

    @Test
    void aNotificationThatKeepsFailing_backsOff_isGivenUpAfterMaxAttempts_andNotPostedAgain() {
        String id = newId();
        WebhookRecorder.failFor(id, 1_000);
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));

        // max-attempts (3 in tests) deliveries of attempts-per-post (3) posts each, then given up
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(row(id).getValue("failed_at")).isNotNull());
        Row row = row(id);
        assertThat(row.getInteger("attempts")).isEqualTo(3);
        assertThat(row.getString("last_error")).isEqualTo("HTTP 503");
        assertThat(row.getValue("delivered_at")).isNull();
        List<Post> posts = WebhookRecorder.postsAbout(id);
        assertThat(posts).hasSize(9).extracting(Post::answered).containsOnly(503);
        // between deliveries the queue backs off: 200 ms after the first, doubled after the second
        assertThat(Duration.between(posts.get(2).at(), posts.get(3).at())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(posts.get(5).at(), posts.get(6).at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        // once a later notification is delivered, the given-up one had its chance to be posted again
        String marker = newId();
        publish(probe, requested(marker, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(marker)).hasSize(1));
        assertThat(WebhookRecorder.postsAbout(id)).hasSize(9);
    }

    @Test
    void aPostInFlight_holdsNoLockAndNoTransaction_theRowIsLeasedAndCommitted() {
        String id = newId();
        WebhookRecorder.hold(id);
        try {
            publish(probe, requested(id, "dave", "dave", null,
                    new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
            await().atMost(WAIT).until(() -> WebhookRecorder.holding(id));

            // while the receiver has not answered: the claim committed (attempt counted, leased into the future)...
            Row row = row(id);
            assertThat(row.getInteger("attempts")).isEqualTo(1);
            assertThat(row.getValue("delivered_at")).isNull();
            assertThat(row.getOffsetDateTime("next_attempt_at").toInstant()).isAfter(clock.instant());
            // ...and nobody holds the row: a post inside the claiming transaction would keep it locked
            Row locked = pool.withTransaction(connection -> connection.preparedQuery(
                    "select id from approval_notification where request_id = $1 for update nowait")
                    .execute(Tuple.of(id))).await().atMost(WAIT).iterator().next();
            assertThat(locked.getLong("id")).isEqualTo(row.getLong("id"));
        } finally {
            WebhookRecorder.release(id);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(id)).hasSize(1));
        assertThat(row(id).getOffsetDateTime("delivered_at")).isNotNull();
    }

    /** A STANDARD request for one secops approval, published and pending; its id. */
    private static String pendingForSecops() {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());
        return id;
    }

    private Row row(String requestId) {
        return pool.preparedQuery("select * from approval_notification where request_id = $1 and kind = 'APPROVAL_WAITING'")
                .execute(Tuple.of(requestId)).await().atMost(WAIT).iterator().next();
    }
}
