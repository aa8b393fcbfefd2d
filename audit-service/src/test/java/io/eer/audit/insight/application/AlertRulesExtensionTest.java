package io.eer.audit.insight.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.audit.insight.application.AlertRules.Alert;
import io.eer.audit.insight.application.AlertRules.Context;
import io.eer.audit.insight.application.AlertRules.RequestState;
import io.eer.ledger.format.LedgerFact;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** grant-service's refused approvals of an extension are decisions on access like any other. */
class AlertRulesExtensionTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
    private final AlertRules rules = new AlertRules(new AlertRules.Thresholds(3, Duration.ofMinutes(5),
            Duration.ZERO));

    private static LedgerFact attempt(String data) throws Exception {
        return new LedgerFact(7, T, "e", LedgerFact.ATTEMPT_REFUSED, "r", "/eer/grant-service", T,
                new ObjectMapper().readTree(data));
    }

    @Test
    void beneficiaryApprovingTheirOwnExtension_isASelfApprovalAttempt() throws Exception {
        Context context = new Context(new RequestState("JIT", "ann", "ann"), null, null, 0);
        assertThat(rules.evaluate(attempt("{\"actor\":{\"id\":\"ann\"},\"action\":\"APPROVE_EXTENSION\","
                + "\"rule\":\"separation-of-duties\"}"), context)).extracting(Alert::rule)
                .containsExactly("self-approval-attempt");
        // someone else outside the approver groups is not one
        assertThat(rules.evaluate(attempt("{\"actor\":{\"id\":\"bob\"},\"action\":\"APPROVE_EXTENSION\","
                + "\"rule\":\"approver-group\"}"), context)).isEmpty();
    }
}
