package io.eer.audit.api;

import static io.eer.audit.api.Ledger.AUDITOR;
import static io.eer.audit.api.Ledger.CAROL;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may read the ledger, and what bad paging input gets. */
@QuarkusTest
class AuditAccessTest {

    @Test
    void ledgerEndpoints_forNonAuditor_areForbidden() {
        for (String path : new String[] {"/v1/audit/events?from=0&limit=10", "/v1/audit/verify"}) {
            given().auth().oauth2(CAROL).get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403));
        }
    }

    @Test
    void everyEndpoint_withoutToken_isUnauthorized() {
        for (String path : new String[] {"/v1/audit/events", "/v1/audit/verify",
                "/v1/requests/" + UUID.randomUUID() + "/timeline"}) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        given().auth().oauth2(AUDITOR.substring(0, AUDITOR.length() - 4) + "AAAA").get("/v1/audit/verify")
                .then().statusCode(401);
    }

    @Test
    void events_withBadFromOrLimit_isBadRequestNamingTheField() {
        String[][] cases = {
            {"from=-1", "from"}, {"from=abc", "from"}, {"from=1.5", "from"},
            {"limit=0", "limit"}, {"limit=100001", "limit"}, {"limit=ten", "limit"}, {"from=0&limit=-3", "limit"},
        };
        for (String[] c : cases) {
            given().auth().oauth2(AUDITOR).get("/v1/audit/events?" + c[0]).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo(c[1]))
                    .body("violations[0].rule", equalTo("range"));
        }
    }
}
