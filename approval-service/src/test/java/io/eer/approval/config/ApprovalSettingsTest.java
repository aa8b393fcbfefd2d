package io.eer.approval.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.SettingsValidation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up check of {@code eer.approval.*}: a setting that cannot work stops the start, naming it. */
class ApprovalSettingsTest {

    @Test
    void start_withTheDefaults() {
        assertThat(SettingsValidation.failure(ApprovalSettings.class, Map.of())).isEmpty();
    }

    @Test
    void start_refused_whenAValueIsOutOfRange() {
        assertThat(SettingsValidation.failure(ApprovalSettings.class, Map.of("eer.approval.timer-batch-size", "0")))
                .get().asString().contains("eer.approval.timer-batch-size");
        assertThat(SettingsValidation.failure(ApprovalSettings.class,
                Map.of("eer.approval.webhook.attempts-per-post", "11")))
                .get().asString().contains("eer.approval.webhook.attempts-per-post");
        assertThat(SettingsValidation.failure(ApprovalSettings.class, Map.of("eer.approval.webhook.timeout", "0s")))
                .get().asString().contains("eer.approval.webhook.timeout");
    }

    @Test
    void start_refused_whenSettingsContradictEachOther() {
        assertThat(SettingsValidation.failure(ApprovalSettings.class,
                Map.of("eer.approval.webhook.backoff", "20m")))
                .get().asString().contains("eer.approval.webhook.max-backoff must be at least backoff");
    }

    @Test
    void start_refused_forAWebhookUrlThatIsNotHttp_withoutQuotingIt() {
        String secretUrl = "ftp://hooks.example/T000/B000/secret-token";
        assertThat(SettingsValidation.failure(ApprovalSettings.class, Map.of("eer.approval.webhook.url", secretUrl)))
                .get().asString().contains("eer.approval.webhook.url must be an http(s) URL")
                .doesNotContain("secret-token");
    }
}
