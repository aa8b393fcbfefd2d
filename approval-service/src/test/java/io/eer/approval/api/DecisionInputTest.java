package io.eer.approval.api;

import static io.eer.approval.api.Fixtures.decide;
import static io.eer.approval.api.Fixtures.newId;
import static io.eer.approval.api.Fixtures.publish;
import static io.eer.approval.api.Fixtures.published;
import static io.eer.approval.api.Fixtures.requested;
import static io.eer.approval.api.Fixtures.view;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.ApprovalPlan;
import io.eer.support.testing.TestTokens;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Idempotency-Key on decisions, and bad input: a named problem, nothing changed, never a 500. */
@QuarkusTest
class DecisionInputTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SAM = TestTokens.employee("sam", "secops");
    private static final String BOB = TestTokens.employee("bob", "secops");
    private static final String APPROVE = "{\"decision\":\"APPROVE\",\"comment\":\"ok\"}";

    private static TopicProbe probe;

    @Inject
    Pool pool;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Fixtures.APPROVALS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    private static String pending(int quorum) {
        String id = newId();
        publish(probe, requested(id, "dave", "dave", null,
                new ApprovalPlan(ApprovalMode.STANDARD, List.of("secops"), quorum)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(view(SAM, "pending", id)).isNotNull());
        return id;
    }

    // ---- Idempotency-Key

    @Test
    void retryWithSameKeyAndBody_replaysTheFirstAnswer_andRecordsNothingNew() {
        String id = pending(2);
        String key = newId();

        ExtractableResponse<Response> first = decide(SAM, id, key, APPROVE).statusCode(200)
                .body("status", equalTo("PENDING")).extract();
        // same body, other spacing and member order
        ExtractableResponse<Response> retry = decide(SAM, id, key, "{ \"comment\": \"ok\", \"decision\": \"APPROVE\" }")
                .statusCode(200).header("Idempotent-Replayed", "true").extract();

        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(view(SAM, "all", id)).extracting(v -> v.get("decisions")).asList().hasSize(1);

        decide(BOB, id, key, APPROVE).statusCode(200) // the key is the caller's own
                .body("status", equalTo("APPROVED")).body("approvals", contains("sam", "bob"));
        decide(BOB, id, key, APPROVE).statusCode(200).header("Idempotent-Replayed", "true")
                .body("status", equalTo("APPROVED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(published(probe, id, Approved.class)).hasSize(1));
    }

    @Test
    void sameKeyWithDifferentBody_isUnprocessable_andChangesNothing() {
        String id = pending(2);
        String key = newId();
        decide(SAM, id, key, APPROVE).statusCode(200);

        decide(SAM, id, key, "{\"decision\":\"DENY\",\"comment\":\"changed my mind\"}").statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].rule", equalTo("idempotency-key-reuse"));
        String other = pending(1);
        decide(SAM, other, key, APPROVE).statusCode(422)
                .body("violations[0].rule", equalTo("idempotency-key-reuse"));

        assertThat(view(SAM, "all", id)).containsEntry("status", "PENDING")
                .extracting(v -> v.get("decisions")).asList().hasSize(1);
        assertThat(view(SAM, "pending", other)).extracting(v -> v.get("decisions")).asList().isEmpty();
    }

    @Test
    void refusedDecision_isNotStoredUnderItsKey() {
        String id = pending(1);
        String key = newId();
        String dave = TestTokens.employee("dave", "secops");
        decide(dave, id, key, APPROVE).statusCode(403);
        decide(dave, id, key, APPROVE).statusCode(403).body("violations[0].rule", equalTo("separation-of-duties"));
    }

    @Test
    void keyedDecision_isKeptInTheSharedStore_andARefusalGivesItsKeyBack() {
        String id = pending(1);
        String key = newId();
        String dave = TestTokens.employee("dave", "secops");
        decide(dave, id, key, APPROVE).statusCode(403);
        assertThat(stored("dave", key)).isEmpty(); // released: the next attempt with it is decided afresh

        decide(SAM, id, key, APPROVE).statusCode(200).body("status", equalTo("APPROVED"));
        assertThat(stored("sam", key)).singleElement().satisfies(row -> {
            assertThat(row.getInteger("status")).isEqualTo(200);
            assertThat(row.getString("content_type")).isEqualTo("application/json");
            assertThat(row.getString("resource_id")).isEqualTo(id);
        });
    }

    @Test
    void approvalWithoutMfa_showsNoMfa_thoughTheListColumnsHoldEmptyArrays() {
        String id = pending(1);
        decide(SAM, id, APPROVE).statusCode(200).body("status", equalTo("APPROVED"))
                .body("approverMfa", nullValue()).body("decisions[0].mfa", nullValue());
        // service-support's StringListConverter writes [] for "none": the flags, not the lists, say whether MFA counted
        Row approval = pool.preparedQuery("select mfa_methods, approver_mfa from approval where request_id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next();
        assertThat(approval.getString("mfa_methods")).isEqualTo("[]");
        assertThat(approval.getBoolean("approver_mfa")).isFalse();
        assertThat(view(SAM, "all", id)).doesNotContainKey("approverMfa");
    }

    private List<Row> stored(String caller, String key) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery("select status, content_type, resource_id from idempotency_record"
                        + " where caller = $1 and operation = 'decide-approval' and idem_key = $2")
                .execute(Tuple.of(caller, key)).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }

    @Test
    void malformedIdempotencyKey_isBadRequest() {
        String id = pending(1);
        decide(SAM, id, "x".repeat(256), APPROVE).statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].rule", equalTo("format"));
        decide(SAM, id, "two words", APPROVE).statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));
        assertThat(view(SAM, "pending", id)).extracting(v -> v.get("decisions")).asList().isEmpty();
    }

    // ---- bad input

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown decision value | {\"decision\":\"MAYBE\"}                | decision | one-of",
            "lower-case decision    | {\"decision\":\"approve\"}              | decision | one-of",
            "missing decision       | {\"comment\":\"fine\"}                  | decision | required",
            "decision of wrong type | {\"decision\":{\"v\":1}}                | decision | type",
            "malformed JSON         | {\"decision\":                          | body     | json-syntax",
            "empty JSON value       | null                                    | body     | required"})
    void badBody_isNamedProblem_andChangesNothing(String name, String body, String field, String rule) {
        String id = pending(1);
        decide(SAM, id, body).statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].rule", equalTo(rule));
        assertThat(view(SAM, "pending", id)).extracting(v -> v.get("decisions")).asList().isEmpty();
    }

    @Test
    void oversizedComment_isNamedProblem() {
        String id = pending(1);
        decide(SAM, id, "{\"decision\":\"APPROVE\",\"comment\":\"" + "x".repeat(2001) + "\"}").statusCode(400)
                .body("violations[0].field", equalTo("comment"))
                .body("violations[0].rule", equalTo("max-length"));
        assertThat(view(SAM, "pending", id)).extracting(v -> v.get("decisions")).asList().isEmpty();
    }

    @Test
    void wrongContentType_isNamedProblem() {
        String id = pending(1);
        given().auth().oauth2(SAM).contentType(ContentType.TEXT).body(APPROVE)
                .post("/v1/approvals/" + id + "/decisions")
                .then().statusCode(415).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("Content-Type"))
                .body("violations[0].rule", equalTo("media-type"));
        given().auth().oauth2(SAM).contentType("application/xml").body("<decision>APPROVE</decision>")
                .post("/v1/approvals/" + id + "/decisions")
                .then().statusCode(415).body("violations", hasSize(1));
        Map<String, Object> view = view(SAM, "pending", id);
        assertThat(view).extracting(v -> v.get("decisions")).asList().isEmpty();
    }
}
