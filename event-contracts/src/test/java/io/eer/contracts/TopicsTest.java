package io.eer.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @CsvSource({
            "eer.requests, /eer/request-service",
            "eer.approvals, /eer/approval-service",
            "eer.grants, /eer/grant-service",
            "eer.sessions, /eer/grant-service",
            "eer.gateway, /eer/session-gateway",
            "test-gateway.eer.gateway, /eer/session-gateway",
            "eer.expiries, /eer/expiry-service",
            "eer.reviews, /eer/review-service",
            "eer.alerts, /eer/audit-service",
            "eer.checkpoints, /eer/audit-service",
            "test-grant.eer.approvals, /eer/approval-service",
            "test-audit-x.eer.grants, /eer/grant-service"})
    void producerOf_namesTheProducingService(String topic, String source) {
        assertThat(Topics.producerOf(topic)).contains(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eer.dlq.grant", "eer.unknown", "xeer.approvals", "approvals", "eer.approvals.x", ""})
    void producerOf_whenTopicUnknown_isEmpty(String topic) {
        assertThat(Topics.producerOf(topic)).isEmpty();
    }
}
