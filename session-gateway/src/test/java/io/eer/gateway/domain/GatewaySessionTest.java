package io.eer.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.decider.Decision;
import io.eer.support.testing.DeciderSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaySessionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant DEADLINE = T0.plusSeconds(3600);
    private final GatewaySession decider = new GatewaySession(new GatewaySession.StatementPolicy(40));

    private GatewaySession.State open(boolean redact) {
        return GatewaySession.opened(new GatewaySession.Open("g1", "r1", "s1", DEADLINE, redact, T0));
    }

    @Test
    void open_recordsConnect() {
        DeciderSpec.given(decider).when(new GatewaySession.Open("g1", "r1", "s1", DEADLINE, false, T0))
                .then(new SessionAction("g1", "r1", "s1", "connect", List.of(), null, null, false, T0));
    }

    @Test
    void aStatement_isClassifiedAndTruncated() {
        String sql = "update payments.invoices set amount = 0 where id in (1, 2, 3, 4, 5)";
        Decision<SessionAction> d = decider.decide(open(false), new GatewaySession.Record("query", sql, T0));
        SessionAction a = d.events().get(0);
        assertThat(a.kind()).isEqualTo(StatementKind.DML);
        assertThat(a.objects()).containsExactly("payments.invoices");
        assertThat(a.statement()).isEqualTo(sql.substring(0, 40));
        assertThat(a.truncated()).isTrue();
    }

    @Test
    void literals_areRedacted_whenThePolicyAsks() {
        SessionAction a = decider.decide(open(true), new GatewaySession.Record("query",
                "select * from staff where ssn = '123-45'", T0)).events().get(0);
        assertThat(a.statement()).isEqualTo("select * from staff where ssn = ?");
    }

    @Test
    void aStatement_atOrAfterTheDeadline_isRefused() {
        Decision<SessionAction> d = decider.decide(open(false), new GatewaySession.Record("query", "select 1",
                DEADLINE));
        assertThat(d).isInstanceOf(Decision.Refused.class);
        assertThat(((Decision.Refused<SessionAction>) d).rule()).isEqualTo(SessionRefusal.SESSION_ENDED);
    }

    @Test
    void anExtension_acceptsStatementsUntilTheNewDeadline_andNeverShortensIt() {
        GatewaySession.State extended = GatewaySession.extended(open(false), DEADLINE.plusSeconds(1800));
        assertThat(decider.decide(extended, new GatewaySession.Record("query", "select 1", DEADLINE)).refused())
                .isFalse();
        assertThat(decider.decide(extended, new GatewaySession.Record("query", "select 1",
                DEADLINE.plusSeconds(1800))).refused()).isTrue();
        assertThat(GatewaySession.extended(extended, DEADLINE).deadline()).isEqualTo(DEADLINE.plusSeconds(1800));
    }

    @Test
    void nothing_isRecordedAfterTheSessionEnded() {
        GatewaySession.State ended = decider.evolve(open(false), decider.decide(open(false),
                new GatewaySession.End("cut-off", "revoked", T0)).events().get(0));
        assertThat(decider.decide(ended, new GatewaySession.Record("query", "select 1", T0)).refused()).isTrue();
    }
}
