package io.eer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.gateway.infra.in.GrantServiceStandIn;
import io.eer.support.testing.OpenApiCoverage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** GET /q/openapi (token required) lists every JAX-RS endpoint of the session gateway with its problem+json answers. */
@QuarkusTest
@QuarkusTestResource(GrantServiceStandIn.class)
class OpenApiDocumentTest {

    @Test
    void openapi_documentsEveryJaxRsEndpoint_withProblemAnswersAndBearerScheme() throws Exception {
        var doc = OpenApiCoverage.assertDocumentsEveryEndpoint("io.eer.gateway", "io.eer.support");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("EER gateway-service API");
    }
}
