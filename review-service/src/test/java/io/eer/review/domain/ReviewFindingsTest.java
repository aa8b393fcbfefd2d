package io.eer.review.domain;

import static io.eer.review.domain.ReviewFixtures.GRANT;
import static io.eer.review.domain.ReviewFixtures.REQUEST;
import static io.eer.review.domain.ReviewFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.review.domain.UpstreamFact.Action;
import io.eer.review.domain.UpstreamFact.Ended;
import io.eer.review.domain.UpstreamFact.Granted;
import io.eer.review.domain.UpstreamFact.Requested;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given a grant's evidence, the automatic findings ({@link ReviewFindings}): a pure function. */
class ReviewFindingsTest {

    static final Instant GRANTED = T0;
    static final Instant EXPIRES = T0.plus(Duration.ofHours(4));

    static Requested requested(String role) {
        return new Requested(REQUEST, "dave", "erin", "payments-db", role, List.of(), null, true, "fix", "INC-7");
    }

    static Granted granted(String role) {
        return new Granted(REQUEST, GRANT, "payments-db", role, "eer_erin_1", GRANTED, EXPIRES);
    }

    static Action action(String action, String object, Instant at, ActionChannel channel) {
        return new Action(REQUEST, GRANT, "s-1", action, object, at, channel, "agent:pg-agent");
    }

    static Ended ended(Instant at) {
        return new Ended(REQUEST, GRANT, "payments-db", at, "EXPIRED", 1, true);
    }

    static List<String> rules(UpstreamFact... facts) {
        return ReviewFindings.of(ReviewEvidence.of(List.of(facts), GRANT)).stream().map(Finding::rule).toList();
    }

    static Requested scoped(String... scope) {
        return new Requested(REQUEST, "dave", "erin", "payments-db", "db_admin", List.of(), null, true, "fix",
                "INC-7", List.of(scope));
    }

    static Action statement(String objects, String text, Instant at, String session) {
        return new Action(REQUEST, GRANT, session, "query", objects, at, ActionChannel.GATEWAY, "session-gateway",
                "SELECT", text);
    }

    @Test
    void gatewayStatementsOnObjectsOutsideTheIncidentScope_areFound_perStatement() {
        Instant at = GRANTED.plus(Duration.ofHours(3));
        List<Finding> findings = ReviewFindings.of(ReviewEvidence.of(List.of(
                scoped("payments.invoices", "payments.refund_*", "audit_log"),
                granted("db_admin"),
                statement("payments.invoices,PAYMENTS.Refund_7", "select 1", at, "s-1"),
                statement("audit_log", "select * from audit_log", at.plusSeconds(1), "s-1"),
                statement("public.audit_log,payments.users", "select * from public.audit_log, payments.users",
                        at.plusSeconds(2), "s-2"),
                statement("users", "delete from users", at.plusSeconds(3), "s-3"),
                statement(null, "select 1", at.plusSeconds(4), "s-4"),
                ended(EXPIRES)), GRANT));

        assertThat(findings).filteredOn(f -> f.rule().equals(ReviewFindings.OUTSIDE_INCIDENT_SCOPE)).singleElement()
                .satisfies(f -> {
                    // a bare name is also read as public.<name>: audit_log and public.audit_log are in scope
                    assertThat(f.detail()).startsWith("2 statement(s) on [payments.users, users] outside the "
                            + "incident scope").contains("select * from public.audit_log, payments.users");
                    assertThat(f.sessions()).containsExactly("s-2", "s-3");
                });
    }

    @Test
    void incidentScope_judgesOnlyTheGateway_andNothingWithoutAScope() {
        Instant at = GRANTED.plus(Duration.ofHours(3));
        // reported actions name objects in their own words: not judged
        assertThat(rules(scoped("payments.invoices"), granted("db_admin"),
                action("DROP", "TABLE public.users", at, ActionChannel.SELF_REPORTED),
                action("SELECT", "public.users", at, ActionChannel.AGENT), ended(EXPIRES)))
                .doesNotContain(ReviewFindings.OUTSIDE_INCIDENT_SCOPE);
        // no scope named: no such finding
        assertThat(rules(requested("db_admin"), granted("db_admin"),
                statement("public.users", "select * from public.users", at, "s-1"), ended(EXPIRES)))
                .doesNotContain(ReviewFindings.OUTSIDE_INCIDENT_SCOPE);
        assertThat(IncidentScope.covers(List.of("*a*a*a*a*a*a*a*a*a*a*c"), "a".repeat(60) + "b"))
                .as("no exponential backtracking").isFalse();
    }

    @Test
    void grantedButNeverUsed_isFound() {
        assertThat(rules(requested("db_admin"), granted("db_admin"), ended(EXPIRES)))
                .containsExactly(ReviewFindings.NEVER_USED);
    }

    @Test
    void writesAndDdlUnderReadOnly_areOutsideTheRoleScope_readsAreNot() {
        Instant at = GRANTED.plus(Duration.ofHours(3));
        assertThat(rules(requested("read_only"), granted("read_only"),
                action("query", "SELECT * FROM payments", at, ActionChannel.GATEWAY), ended(EXPIRES))).isEmpty();
        assertThat(rules(requested("read_only"), granted("read_only"),
                action("query", "  update payments set amount = 0", at, ActionChannel.GATEWAY), ended(EXPIRES)))
                .containsExactly(ReviewFindings.OUTSIDE_ROLE_SCOPE);
        assertThat(rules(requested("read_only"), granted("read_only"),
                action("DROP", "TABLE payments", at, ActionChannel.SELF_REPORTED), ended(EXPIRES)))
                .containsExactly(ReviewFindings.OUTSIDE_ROLE_SCOPE);
        // the same under db_admin is in scope
        assertThat(rules(requested("db_admin"), granted("db_admin"),
                action("DROP", "TABLE payments", at, ActionChannel.AGENT), ended(EXPIRES))).isEmpty();
    }

    @Test
    void actionAfterTheDeadline_orAfterAnEarlierRevocation_isFound() {
        Instant late = EXPIRES.plusSeconds(1);
        assertThat(rules(requested("db_admin"), granted("db_admin"),
                action("query", "SELECT 1", GRANTED.plus(Duration.ofHours(3)), ActionChannel.GATEWAY),
                action("query", "SELECT 2", late, ActionChannel.GATEWAY), ended(EXPIRES)))
                .containsExactly(ReviewFindings.AFTER_DEADLINE);
        Instant revoked = GRANTED.plus(Duration.ofHours(3));
        assertThat(rules(requested("db_admin"), granted("db_admin"),
                action("query", "SELECT 1", revoked.plusSeconds(5), ActionChannel.AGENT), ended(revoked)))
                .contains(ReviewFindings.AFTER_DEADLINE);
    }

    @Test
    void grantFarLongerThanItsLastAction_suggestsAShorterDefault() {
        List<Finding> findings = ReviewFindings.of(ReviewEvidence.of(List.of(requested("db_admin"),
                granted("db_admin"), action("query", "SELECT 1", GRANTED.plus(Duration.ofMinutes(20)),
                        ActionChannel.GATEWAY), ended(EXPIRES)), GRANT));

        assertThat(findings).extracting(Finding::rule).containsExactly(ReviewFindings.GRANT_LONGER_THAN_USE);
        assertThat(findings.get(0).detail()).contains("PT4H").contains("suggest a default of PT30M");
        // used for most of it: nothing
        assertThat(rules(requested("db_admin"), granted("db_admin"), action("query", "SELECT 1",
                GRANTED.plus(Duration.ofMinutes(100)), ActionChannel.GATEWAY), ended(EXPIRES))).isEmpty();
    }

    @Test
    void evidence_keepsChannelsApart_andOnlyThisGrantsActions_oldestFirst() {
        List<UpstreamFact> facts = new ArrayList<>(List.of(requested("db_admin"), granted("db_admin")));
        facts.add(action("query", "SELECT 2", GRANTED.plusSeconds(20), ActionChannel.GATEWAY));
        facts.add(action("query", "SELECT 1", GRANTED.plusSeconds(10), ActionChannel.GATEWAY));
        facts.add(action("note", "ran the fix", GRANTED.plusSeconds(30), ActionChannel.SELF_REPORTED));
        facts.add(new Action(REQUEST, new GrantId("other"), "s-9", "query", "SELECT 9", GRANTED,
                ActionChannel.GATEWAY, null));
        ReviewEvidence evidence = ReviewEvidence.of(facts, GRANT);

        assertThat(evidence.actions(ActionChannel.GATEWAY)).extracting(Action::object)
                .containsExactly("SELECT 1", "SELECT 2");
        assertThat(evidence.actions(ActionChannel.SELF_REPORTED)).hasSize(1);
        assertThat(evidence.actions(ActionChannel.AGENT)).isEmpty();
        assertThat(evidence.emergency()).isTrue();
        assertThat(evidence.beneficiary()).isEqualTo("erin");
    }

    @Test
    void effect_readsTheFirstKeyword() {
        assertThat(ReviewFindings.effectOf("insert into t values (1)")).isEqualTo(ReviewFindings.Effect.WRITE);
        assertThat(ReviewFindings.effectOf("ALTER TABLE t")).isEqualTo(ReviewFindings.Effect.DDL);
        assertThat(ReviewFindings.effectOf("selectivity")).isEqualTo(ReviewFindings.Effect.READ_OR_OTHER);
        assertThat(ReviewFindings.effectOf("updated_at")).isEqualTo(ReviewFindings.Effect.READ_OR_OTHER);
        assertThat(ReviewFindings.effectOf((String) null)).isEqualTo(ReviewFindings.Effect.READ_OR_OTHER);
    }

    /** An action as the session gateway records it: action query/execute, object = the names, kind + statement. */
    static Action gateway(String action, String objects, String kind, String statement, Instant at) {
        return new Action(REQUEST, GRANT, "gw-1", action, objects, at, ActionChannel.GATEWAY, "session-gateway", kind,
                statement);
    }

    @Test
    void gatewayStatements_areJudgedByTheirKindAndText_notByActionQueryOrTheObjectNames() {
        Instant at = GRANTED.plusSeconds(5);
        // what session-gateway publishes for a psql session under read_only: connect, a SELECT, an UPDATE
        assertThat(rules(requested("read_only"), granted("read_only"),
                gateway("connect", null, null, null, at),
                gateway("query", "payments.invoices", "SELECT", "select count(*) from payments.invoices", at),
                gateway("query", "payments.invoices", "DML", "update payments.invoices set amount = 0", at),
                ended(EXPIRES))).contains(ReviewFindings.OUTSIDE_ROLE_SCOPE);
        assertThat(rules(requested("read_only"), granted("read_only"),
                gateway("execute", "payments.audit_copy", "DDL", "create table payments.audit_copy (id int)", at),
                ended(EXPIRES))).contains(ReviewFindings.OUTSIDE_ROLE_SCOPE);
        assertThat(rules(requested("read_only"), granted("read_only"),
                gateway("query", "payments.invoices", "SELECT", "select * from payments.invoices", at),
                ended(EXPIRES))).doesNotContain(ReviewFindings.OUTSIDE_ROLE_SCOPE);
        // no kind (an older record): the statement text's first keyword
        assertThat(ReviewFindings.effectOf(gateway("query", "payments.invoices", null,
                "delete from payments.invoices", at))).isEqualTo(ReviewFindings.Effect.WRITE);
    }

    @Test
    void theGatewaysCutOffJustAfterTheDeadline_isNotAnActionAfterIt_norTheLastUse() {
        Instant used = GRANTED.plus(Duration.ofMinutes(20));
        List<String> found = rules(requested("db_admin"), granted("db_admin"),
                gateway("connect", null, null, null, GRANTED.plusSeconds(1)),
                gateway("query", "payments.invoices", "SELECT", "select 1", used),
                gateway("cut-off", null, null, null, EXPIRES.plusMillis(3)),
                ended(EXPIRES.plusMillis(40)));
        assertThat(found).doesNotContain(ReviewFindings.AFTER_DEADLINE)
                .contains(ReviewFindings.GRANT_LONGER_THAN_USE);
        // a statement the gateway recorded after the deadline still is one
        assertThat(rules(requested("db_admin"), granted("db_admin"),
                gateway("query", "payments.invoices", "SELECT", "select 1", EXPIRES.plusSeconds(1)),
                ended(EXPIRES))).contains(ReviewFindings.AFTER_DEADLINE);
    }
}
