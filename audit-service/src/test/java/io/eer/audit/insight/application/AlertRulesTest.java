package io.eer.audit.insight.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.audit.insight.application.AlertRules.Alert;
import io.eer.audit.insight.application.AlertRules.Context;
import io.eer.audit.insight.application.AlertRules.GrantState;
import io.eer.audit.insight.application.AlertRules.RequestState;
import io.eer.audit.insight.application.AlertRules.ReviewState;
import io.eer.ledger.format.LedgerFact;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
    private final AlertRules rules = new AlertRules(new AlertRules.Thresholds(3, Duration.ofMinutes(5),
            Duration.ZERO));
    private static final RequestState EMERGENCY = new RequestState("EMERGENCY", "ann", "ann");
    private static final GrantState GRANT = new GrantState("g", "r", "ann", "db", T.plusSeconds(1800), null, 4);

    private static LedgerFact fact(String type, String source, String data) throws Exception {
        JsonNode node = JSON.readTree(data);
        return new LedgerFact(7, T, "e", type, "r", source, T, node);
    }

    private static List<String> rulesOf(List<Alert> alerts) {
        return alerts.stream().map(Alert::rule).toList();
    }

    @Test
    void alertRaised_orAnythingFromTheAuditService_isNeverEvaluated() throws Exception {
        Context context = new Context(EMERGENCY, null, null, 0);
        assertThat(rules.evaluate(fact(LedgerFact.ALERT_RAISED, "/eer/audit-service",
                "{\"rule\":\"break-glass-granted\"}"), context)).isEmpty();
        assertThat(rules.evaluate(fact(LedgerFact.ACCESS_GRANTED, "/eer/audit-service", "{\"grantId\":\"g\"}"),
                context)).isEmpty();
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.ACCESS_GRANTED, "/eer/grant-service",
                "{\"grantId\":\"g\"}"), context))).containsExactly("break-glass-granted");
    }

    @Test
    void refusals_fireOnEveryThirdInARow() throws Exception {
        String rejected = "{\"requester\":{\"id\":\"ann\"}}";
        assertThat(rules.evaluate(fact(LedgerFact.REQUEST_REJECTED, "/eer/request-service", rejected),
                new Context(null, null, null, 1))).isEmpty();
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.REQUEST_REJECTED, "/eer/request-service", rejected),
                new Context(null, null, null, 2)))).containsExactly("repeated-refusals");
        assertThat(rules.evaluate(fact(LedgerFact.REQUEST_REJECTED, "/eer/request-service", rejected),
                new Context(null, null, null, 3))).isEmpty();
        // a denial counts for the request's requester; with no known request there is nobody to count
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.DENIED, "/eer/approval-service", "{}"),
                new Context(EMERGENCY, null, null, 2)))).containsExactly("repeated-refusals");
        assertThat(rules.evaluate(fact(LedgerFact.DENIED, "/eer/approval-service", "{}"),
                new Context(null, null, null, 2))).isEmpty();
    }

    @Test
    void attemptRefused_firesForOwnDecisionsOnly() throws Exception {
        Context context = new Context(EMERGENCY, null, null, 0);
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.ATTEMPT_REFUSED, "/eer/approval-service",
                "{\"actor\":{\"id\":\"bob\"},\"action\":\"APPROVE\",\"rule\":\"separation-of-duties\"}"), context)))
                .containsExactly("self-approval-attempt");
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.ATTEMPT_REFUSED, "/eer/review-service",
                "{\"actor\":{\"id\":\"ann\"},\"action\":\"COMPLETE_REVIEW\",\"rule\":\"other\"}"), context)))
                .containsExactly("self-approval-attempt");
        assertThat(rules.evaluate(fact(LedgerFact.ATTEMPT_REFUSED, "/eer/request-service",
                "{\"actor\":{\"id\":\"ann\"},\"action\":\"CANCEL\",\"rule\":\"already-decided\"}"), context)).isEmpty();
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.APPROVED, "/eer/approval-service",
                "{\"approvers\":[\"ann\"]}"), context))).containsExactly("self-approval-attempt");
    }

    @Test
    void lateRevocation_isMeasuredFromTheDeadline() throws Exception {
        Context context = new Context(null, GRANT, null, 0);
        assertThat(rules.evaluate(fact(LedgerFact.ACCESS_REVOKED, "/eer/grant-service",
                "{\"revokedAt\":\"2026-01-01T10:35:00Z\"}"), context)).isEmpty(); // exactly the threshold
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.ACCESS_REVOKED, "/eer/grant-service",
                "{\"revokedAt\":\"2026-01-01T10:35:01Z\"}"), context))).containsExactly("late-revocation");
        assertThat(rules.checkActiveGrant(GRANT, T.plusSeconds(2100))).isEmpty();
        assertThat(rulesOf(rules.checkActiveGrant(GRANT, T.plusSeconds(2101)))).containsExactly("late-revocation");
    }

    @Test
    void sessionAction_afterRevocationOrDeadline_fires() throws Exception {
        GrantState revokedEarly = new GrantState("g", "r", "ann", "db", T.plusSeconds(1800), T.plusSeconds(600), 4);
        String at = "{\"at\":\"2026-01-01T10:15:00Z\"}";
        assertThat(rules.evaluate(fact(LedgerFact.SESSION_ACTION_LOGGED, "/eer/grant-service", at),
                new Context(null, GRANT, null, 0))).isEmpty();
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.SESSION_ACTION_LOGGED, "/eer/grant-service", at),
                new Context(null, revokedEarly, null, 0)))).containsExactly("session-after-grant-end");
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.SESSION_ACTION_LOGGED, "/eer/grant-service",
                "{\"at\":\"2026-01-01T10:31:00Z\"}"), new Context(null, GRANT, null, 0))))
                .containsExactly("session-after-grant-end");
    }

    @Test
    void review_overdueWhenOpenPastDue_orCompletedLate() throws Exception {
        ReviewState review = new ReviewState("v", "r", "g", T.minusSeconds(1), 9);
        assertThat(rulesOf(rules.evaluate(fact(LedgerFact.REVIEW_COMPLETED, "/eer/review-service",
                "{\"reviewId\":\"v\",\"reviewer\":\"sam\"}"), new Context(null, null, review, 0))))
                .containsExactly("review-overdue");
        assertThat(rules.checkOpenReview(new ReviewState("v", "r", "g", T, 9), T)).isEmpty();
        assertThat(rules.checkOpenReview(new ReviewState("v", "r", "g", T, 9), T.plusMillis(1))).singleElement()
                .satisfies(alert -> assertThat(alert.trigger()).isEqualTo("ledger:9"));
    }

    private static LedgerFact on(String topic, String type, String source, String data) throws Exception {
        return new LedgerFact(9, T, "e-9", type, "r", source, T, JSON.readTree(data), topic);
    }

    @Test
    void revocationFailing_isCriticalAndKeyedByGrant_soEveryAttemptIsTheSameAlert() throws Exception {
        Context none = new Context(null, null, null, 0);
        String attempt = "{\"grantId\":\"g-1\",\"requestId\":\"r\",\"system\":\"db\",\"attempt\":%d,"
                + "\"error\":\"PSQLException 08001\",\"nextAttemptAt\":\"2026-01-01T10:01:00Z\"}";
        Alert first = rules.evaluate(on("eer.grants", LedgerFact.REVOCATION_FAILED, "/eer/grant-service",
                attempt.formatted(1)), none).get(0);
        Alert third = rules.evaluate(on("eer.grants", LedgerFact.REVOCATION_FAILED, "/eer/grant-service",
                attempt.formatted(3)), none).get(0);
        assertThat(first.rule()).isEqualTo("revocation-failing");
        assertThat(first.severity().name()).isEqualTo("CRITICAL");
        assertThat(first.key()).isEqualTo(third.key()).isEqualTo("g-1");
        assertThat(first.detail()).contains("g-1", "db", "PSQLException 08001");
    }

    @Test
    void orphanLoginRemoved_isHigh() throws Exception {
        List<Alert> alerts = rules.evaluate(on("test-audit.eer.grants", LedgerFact.ORPHAN_LOGIN_REMOVED,
                "/eer/grant-service", "{\"system\":\"db\",\"account\":\"eer_x\",\"reason\":\"no grant\","
                        + "\"removedAt\":\"2026-01-01T10:00:00Z\"}"), new Context(null, null, null, 0));
        assertThat(rulesOf(alerts)).containsExactly("orphan-login-removed");
        assertThat(alerts.get(0).severity().name()).isEqualTo("HIGH");
        assertThat(alerts.get(0).detail()).contains("eer_x", "db");
    }

    @Test
    void forgedSource_onEveryDomainTopic_andNothingElseIsEvaluated() throws Exception {
        Context context = new Context(EMERGENCY, null, null, 0);
        String granted = "{\"grantId\":\"g\"}";
        assertThat(rulesOf(rules.evaluate(on("eer.grants", LedgerFact.ACCESS_GRANTED, "/eer/grant-service", granted),
                context))).containsExactly("break-glass-granted");
        for (String source : List.of("/eer/request-service", "/eer/audit-service", "/eer/grant-service/x", "")) {
            List<Alert> alerts = rules.evaluate(on("test-audit.eer.grants", LedgerFact.ACCESS_GRANTED, source,
                    granted), context);
            assertThat(rulesOf(alerts)).as(source).containsExactly("forged-source");
            assertThat(alerts.get(0).severity().name()).isEqualTo("CRITICAL");
        }
        assertThat(rulesOf(rules.evaluate(on("eer.alerts", LedgerFact.ALERT_RAISED, "/eer/grant-service", "{}"),
                context))).containsExactly("forged-source");
        assertThat(rules.evaluate(on("eer.alerts", LedgerFact.ALERT_RAISED, "/eer/audit-service", "{}"), context))
                .isEmpty();
        assertThat(AlertRules.producerOf("eer.sessions")).isEqualTo("/eer/grant-service");
        assertThat(AlertRules.producerOf("test-x.eer.expiries")).isEqualTo("/eer/expiry-service");
        assertThat(AlertRules.producerOf("other.topic")).isNull();
    }
}
