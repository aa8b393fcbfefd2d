package io.eer.audit.api;

import static io.eer.audit.api.Ledger.ADMIN;
import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.CAROL;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.audit.insight.application.report.Report;
import io.eer.audit.insight.application.report.ReportJson;
import io.eer.audit.insight.application.report.ReportReplay;
import io.eer.contracts.EventEnvelope;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports over the real ledger, reproduced from the export, in three formats, for auditors only. */
@QuarkusTest
class ReportApiTest {

    private static TopicProbe probe;
    private static ReportScenario scenario;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Ledger.DEAD_LETTERS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    /** Published once, on first use (REST Assured knows the test port only once a test runs). */
    @BeforeEach
    void publishOnce() {
        if (scenario == null) {
            scenario = new ReportScenario().publish(probe);
        }
    }

    static JsonNode report(String framework, String query) {
        return Ledger.parse(given().auth().oauth2(AUDITOR).get("/v1/reports/" + framework + query).then()
                .statusCode(200).contentType("application/json").extract().asString());
    }

    static JsonNode row(JsonNode report, String grantId) {
        List<JsonNode> rows = new ArrayList<>();
        report.path("accesses").forEach(row -> {
            if (row.path("grant_id").asText().equals(grantId)) {
                rows.add(row);
            }
        });
        assertThat(rows).as("rows of " + grantId).hasSize(1);
        return rows.get(0);
    }

    /** The basis is one of the service's signed checkpoints: same size, chain head, Merkle root and key id. */
    private static void assertBasisIsASignedCheckpoint(JsonNode basis) {
        JsonNode listed = Ledger.parse(given().auth().oauth2(AUDITOR).get("/v1/audit/checkpoints?from=0&limit=1000")
                .then().statusCode(200).extract().asString()).path("checkpoints");
        List<JsonNode> matching = new ArrayList<>();
        listed.forEach(signed -> {
            JsonNode body = signed.path("checkpoint");
            if (body.path("size").asLong() == basis.path("size").asLong()
                    && body.path("merkleRoot").asText().equals(basis.path("merkleRoot").asText())
                    && body.path("chainHead").asText().equals(basis.path("chainHead").asText())
                    && body.path("keyId").asText().equals(basis.path("checkpointKeyId").asText())) {
                matching.add(signed);
            }
        });
        assertThat(matching).as("a signed checkpoint equal to the report's basis " + basis).isNotEmpty();
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void report_rebuiltFromTheExport_isIdentical() throws IOException {
        for (String framework : List.of("sox", "hipaa", "iso27001", "nist-csf")) {
            JsonNode report = report(framework, "?from=" + scenario.t(-1) + "&to=" + scenario.t(24 * 60));
            long size = report.path("basis").path("size").asLong();
            assertThat(size).isPositive();
            String export = given().auth().oauth2(AUDITOR).get("/v1/audit/events?from=0&limit=" + size).then()
                    .statusCode(200).extract().asString();
            List<String> lines = export.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).hasSize((int) size);
            // the basis is the chain value at index size-1 of the export
            assertThat(report.path("basis").path("chainHead").asText())
                    .isEqualTo(Ledger.parse(lines.get(lines.size() - 1)).path("chain").asText());
            assertThat(Instant.parse(report.path("basis").path("asOf").asText())).isEqualTo(
                    Instant.parse(Ledger.parse(lines.get(lines.size() - 1)).path("recordedAt").asText()));

            Report reproduced = ReportReplay.fromNdjson(new StringReader(export), ReportReplay.requestOf(report),
                    ReportReplay.basisOf(report));
            JsonNode again = Ledger.parse(ReportJson.toJson(reproduced).toString());
            assertThat(again).isEqualTo(report);
        }
    }

    @Test
    void report_showsEachAccessWithItsFactsAndExceptions() {
        JsonNode report = report("hipaa", "?from=" + scenario.t(-1) + "&to=" + scenario.t(24 * 60));
        assertThat(report.path("framework").path("key").asText()).isEqualTo("hipaa");
        assertThat(report.path("basis").path("source").asText()).isEqualTo("signed-checkpoint");
        assertBasisIsASignedCheckpoint(report.path("basis"));

        JsonNode ok = row(report, scenario.okGrant);
        assertThat(ok.path("request_id").asText()).isEqualTo(scenario.ok);
        assertThat(ok.path("requester").asText()).isEqualTo("ron");
        assertThat(ok.path("origin").asText()).isEqualTo("EMPLOYEE_SELF");
        assertThat(texts(ok.path("approvers"))).containsExactly("sam");
        assertThat(ok.path("approval_mode").asText()).isEqualTo("EXPEDITED");
        assertThat(ok.path("incident").asText()).isEqualTo("INC-1234");
        assertThat(ok.path("granted_at").asText()).isEqualTo(scenario.t(2).toString());
        assertThat(ok.path("revoked_at").asText()).isEqualTo(scenario.t(62).toString());
        assertThat(ok.path("actual_duration").asText()).isEqualTo("PT1H");
        assertThat(ok.path("duration_within_policy").asBoolean()).isTrue();
        assertThat(ok.path("session_actions").asLong()).isEqualTo(2);
        assertThat(ok.path("revocation_confirmed").asBoolean()).isTrue();
        assertThat(ok.path("review_outcome").asText()).isEqualTo("ACCESS_APPROPRIATE");
        assertThat(ok.path("reviewer").asText()).isEqualTo("rita");
        assertThat(ok.path("exceptions").size()).isZero();
        assertThat(ok.path("evidence").size()).isEqualTo(6);

        JsonNode bad = row(report, scenario.badGrant);
        assertThat(bad.path("justification").asText()).isEqualTo(ReportScenario.NASTY_JUSTIFICATION);
        assertThat(texts(bad.path("exceptions"))).containsExactly("ACCESS_WITHOUT_APPROVAL",
                "DURATION_EXCEEDS_APPROVAL", "LATE_REVOCATION", "UNCONFIRMED_REVOCATION", "REVIEW_MISSING");
        List<String> sod = new ArrayList<>();
        report.path("exceptions").forEach(e -> {
            if (e.path("kind").asText().equals("SEPARATION_OF_DUTIES_ATTEMPT")
                    && e.path("requestId").asText().equals(scenario.bad)) {
                sod.add(e.path("detail").asText());
                assertThat(texts(e.path("controls"))).containsExactly("HIPAA 164.312(b)");
            }
        });
        assertThat(sod).singleElement().asString().contains("mal", "APPROVE", "separation-of-duties");
        // the period leaves out what lies outside it
        JsonNode earlier = report("hipaa", "?to=" + scenario.t(-1));
        earlier.path("accesses").forEach(row -> assertThat(row.path("grant_id").asText())
                .isNotIn(scenario.okGrant, scenario.badGrant));
    }

    @Test
    void csvAndHtml_areServedWithTheirTypes_andNameTheBasis() {
        Response csv = given().auth().oauth2(AUDITOR).get("/v1/reports/iso27001?format=csv&from=" + scenario.t(-1));
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment; filename=\"eer-iso27001-report-"));
        String body = csv.asString();
        assertThat(body).startsWith("request_id [ISO A.8.15],kind [ISO A.8.2],").contains(scenario.badGrant);
        assertThat(body.lines().findFirst().orElseThrow()).contains("basis_chain_head [ISO A.8.15]");
        assertThat(csv.header("EER-Report-Basis-Size")).matches("\\d+");

        String exceptions = given().auth().oauth2(AUDITOR)
                .get("/v1/reports/sox?format=csv&section=exceptions&from=" + scenario.t(-1)).then().statusCode(200)
                .extract().asString();
        assertThat(exceptions).startsWith("kind,title,request_id,grant_id,at,detail,ledger_index,controls,")
                .contains("SEPARATION_OF_DUTIES_ATTEMPT");

        given().auth().oauth2(ADMIN).get("/v1/reports/nist-csf?format=html").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void report_forNonAuditor_isForbidden_andWithoutToken_unauthorized() {
        given().auth().oauth2(CAROL).get("/v1/reports/sox").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/v1/reports/sox").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void report_withBadInput_isBadRequestNamingTheFieldAndRule() {
        String[][] cases = {
            {"pci", "", "framework", "one-of"},
            {"SOX", "", "framework", "one-of"},
            {"sox", "?format=pdf", "format", "one-of"},
            {"sox", "?from=yesterday", "from", "format"},
            {"sox", "?to=2026-13-01T00:00:00Z", "to", "format"},
            {"sox", "?from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to", "after-from"},
            {"sox", "?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to", "after-from"},
            {"sox", "?format=csv&section=all", "section", "one-of"},
        };
        for (String[] c : cases) {
            given().auth().oauth2(AUDITOR).get("/v1/reports/" + c[0] + c[1]).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo(c[2]))
                    .body("violations[0].rule", equalTo(c[3]));
        }
    }

    @Test
    void report_overALedgerThatDoesNotVerify_isRefused() throws SQLException {
        EventEnvelope event = Ledger.requested(UUID.randomUUID().toString(), "carol");
        probe.publish(Ledger.REQUESTS, event);
        long index = Ledger.awaitLine(event).path("index").asLong();
        try (Connection db = Ledger.jdbc()) {
            byte[] original = Ledger.received(db, index);
            byte[] tampered = original.clone();
            int at = new String(original, StandardCharsets.UTF_8).indexOf("payments DB locked");
            tampered[at] = 'P';
            Ledger.overwrite(db, index, tampered);
            try {
                given().auth().oauth2(AUDITOR).get("/v1/reports/sox").then().statusCode(409)
                        .contentType("application/problem+json")
                        .body("violations[0].field", equalTo("ledger"))
                        .body("violations[0].rule", equalTo("verified"))
                        .body("violations[0].message", containsString("index " + index + " (leaf mismatch)"));
            } finally {
                Ledger.overwrite(db, index, original);
            }
        }
        given().auth().oauth2(AUDITOR).get("/v1/reports/sox").then().statusCode(200);
    }



    @Test
    void report_readingIt_appendsNothingToTheLedger() {
        // reading a report appends nothing to the ledger
        long before = Ledger.parse(given().auth().oauth2(AUDITOR).get("/v1/audit/verify").asString())
                .path("size").asLong();
        report("sox", "?from=" + scenario.t(-1));
        long after = Ledger.parse(given().auth().oauth2(AUDITOR).get("/v1/audit/verify").asString())
                .path("size").asLong();
        assertThat(after).isEqualTo(before);
    }
}
