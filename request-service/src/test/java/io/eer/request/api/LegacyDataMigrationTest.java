package io.eer.request.api;

import static io.eer.request.api.Fixtures.CAROL;
import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.breakGlass;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.eer.request.application.RebuildRequestViews;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request from before the aggregate: its lifecycle (here: granted, then expired) lived only in
 * {@code request_status}. Migration V6 records it in {@code domain_event}, so the aggregate decides on it and a
 * rebuild keeps it.
 */
@QuarkusTest
class LegacyDataMigrationTest {

    @Inject
    RebuildRequestViews rebuild;

    @Test
    void v6_recordsALifecycleThatOnlyTheViewKnew_soTheAggregateAndARebuildSeeIt() throws Throwable {
        String requestId = as(CAROL).body(breakGlass("legacy")).post("/v1/requests").then().statusCode(201)
                .extract().path("requestId");
        // what the old TrackLifecycle did: move the row, record nothing
        Fixtures.execute("update request_status set status = 'EXPIRED', grant_id = 'g-legacy' where request_id = '"
                + requestId + "'");

        Fixtures.execute(migration("/db/migration/V6__lifecycle_facts.sql"));

        assertThat(Fixtures.count("select count(*) from domain_event where aggregate_id = ? and type = ?",
                requestId, "internal:request.lifecycle")).isEqualTo(1);
        // the aggregate folds to EXPIRED: nothing left to cancel (it would be PENDING_APPROVAL without V6)
        as(CAROL).post("/v1/requests/" + requestId + "/cancel").then().statusCode(409)
                .body("violations[0].rule", equalTo("not-cancellable"));

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(rebuild::execute));

        List<Map<String, Object>> rows = Fixtures.rows(List.of(requestId));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("EXPIRED");
            assertThat(row.get("grant_id")).isEqualTo("g-legacy");
            assertThat(row.get("version")).isEqualTo(2L);
        });
        given().auth().oauth2(CAROL).get("/v1/requests/" + requestId).then().body("status", equalTo("EXPIRED"));
    }

    private static String migration(String resource) throws IOException {
        try (InputStream in = LegacyDataMigrationTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
