package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.grant.domain.SessionActionRules.RuleViolation;
import org.junit.jupiter.api.Test;

class SessionActionRulesTest {

    @Test
    void violations_whenAllFieldsPresentAndBounded_isEmpty() {
        assertThat(SessionActionRules.violations("s-1", "SELECT", "payments.invoices", "psql")).isEmpty();
    }

    @Test
    void violations_nameEachMissingField() {
        assertThat(SessionActionRules.violations(null, " ", "payments.invoices", null))
                .extracting(RuleViolation::field, RuleViolation::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sessionId", "required"),
                        org.assertj.core.groups.Tuple.tuple("action", "required"),
                        org.assertj.core.groups.Tuple.tuple("source", "required"));
    }

    @Test
    void violations_nameOversizedField() {
        assertThat(SessionActionRules.violations("s-1", "SELECT", "x".repeat(SessionActionRules.MAX_OBJECT + 1), "psql"))
                .extracting(RuleViolation::field, RuleViolation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("object", "max-length"));
        assertThat(SessionActionRules.violations("s-1", "SELECT", "x".repeat(SessionActionRules.MAX_OBJECT), "psql"))
                .isEmpty();
    }

    @Test
    void violations_refuseControlCharacters() {
        assertThat(SessionActionRules.violations("s-1\n", "SELECT", "payments.invoices", "psql"))
                .extracting(RuleViolation::rule).containsExactly("no-control-characters");
    }
}
