package io.eer.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.OpenApiCoverage;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** GET /q/openapi (token required) lists every JAX-RS endpoint of review-service with its problem+json answers. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void openapi_documentsEveryJaxRsEndpoint_withProblemAnswersAndBearerScheme() throws Exception {
        var doc = OpenApiCoverage.assertDocumentsEveryEndpoint("io.eer.review", "io.eer.support");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("EER review-service API");
    }
}
