package io.eer.audit.insight.application.report;

import io.eer.audit.insight.domain.ReportParameters;

import static io.eer.audit.insight.application.report.LedgerFixture.action;
import static io.eer.audit.insight.application.report.LedgerFixture.approved;
import static io.eer.audit.insight.application.report.LedgerFixture.attemptRefused;
import static io.eer.audit.insight.application.report.LedgerFixture.granted;
import static io.eer.audit.insight.application.report.LedgerFixture.requested;
import static io.eer.audit.insight.application.report.LedgerFixture.reviewCompleted;
import static io.eer.audit.insight.application.report.LedgerFixture.reviewScheduled;
import static io.eer.audit.insight.application.report.LedgerFixture.revoked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.contracts.events.Values.ReviewOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    static Instant t(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static ReportRequest all(Framework framework) {
        return new ReportRequest(framework, null, null, ReportParameters.DEFAULTS);
    }

    /**
     * r-ok: approved, granted 1 h, three actions, revoked on time and confirmed, reviewed on time by someone else.
     * r-bad: never approved, granted 1 h of 30 min requested, revoked 20 min late and unconfirmed, an action after
     * the revocation, never reviewed. r-self: approved by the requester, never revoked. r-overdue: review scheduled,
     * not done. r-late: review done late by the approver. Plus two refused attempts (one SoD, one not) and a last
     * entry ten days later (the report's "now").
     */
    static LedgerFixture scenario() {
        LedgerFixture ledger = new LedgerFixture();
        ledger.add("request-service", t(0), requested("r-ok", "u-jsmith", HOUR, Duration.ofHours(72)))
                .add("approval-service", t(1), approved("r-ok", "u-jsmith", HOUR, "u-akim"))
                .add("grant-service", t(2), granted("r-ok", "g-ok", "u-jsmith", t(2), t(62)))
                .add("grant-service", t(3), action("r-ok", "g-ok", t(3)))
                .add("grant-service", t(4), action("r-ok", "g-ok", t(4)))
                .add("grant-service", t(5), action("r-ok", "g-ok", t(5)))
                .addRaw(attemptRefused("a-1", "r-ok", "u-jsmith", "APPROVE", "separation-of-duties", t(1)), t(1))
                .addRaw(attemptRefused("a-2", "r-ok", "u-x", "APPROVE", "quorum-member", t(1)), t(1))
                .add("request-service", t(6), requested("r-bad", "u-mallory", Duration.ofMinutes(30), HOUR))
                .add("grant-service", t(10), granted("r-bad", "g-bad", "u-mallory", t(10), t(70)))
                .add("grant-service", t(62), LedgerFixture.revoked("r-ok", "g-ok", t(62), true))
                .add("grant-service", t(90), revoked("r-bad", "g-bad", t(90), false))
                .add("grant-service", t(95), action("r-bad", "g-bad", t(95)))
                .add("review-service", t(63), reviewScheduled("r-ok", "g-ok", t(62 + 72 * 60)))
                .add("review-service", t(24 * 60), reviewCompleted("r-ok", "g-ok", "u-lchen",
                        ReviewOutcome.ACCESS_APPROPRIATE))
                .add("request-service", t(100), requested("r-self", "u-eve", HOUR, null))
                .add("approval-service", t(101), approved("r-self", "u-eve", HOUR, "u-eve", "u-akim"))
                .add("grant-service", t(102), granted("r-self", "g-self", "u-eve", t(102), t(162)))
                .add("request-service", t(200), requested("r-overdue", "u-bob", HOUR, null))
                .add("approval-service", t(201), approved("r-overdue", "u-bob", HOUR, "u-akim"))
                .add("grant-service", t(202), granted("r-overdue", "g-overdue", "u-bob", t(202), t(262)))
                .add("grant-service", t(262), revoked("r-overdue", "g-overdue", t(262), true))
                .add("review-service", t(263), reviewScheduled("r-overdue", "g-overdue", t(263 + 48 * 60)))
                .add("request-service", t(300), requested("r-late", "u-dan", HOUR, null))
                .add("approval-service", t(301), approved("r-late", "u-dan", HOUR, "u-akim"))
                .add("grant-service", t(302), granted("r-late", "g-late", "u-dan", t(302), t(362)))
                .add("grant-service", t(362), revoked("r-late", "g-late", t(362), true))
                .add("review-service", t(363), reviewScheduled("r-late", "g-late", t(363 + 60)))
                .add("review-service", t(363 + 120), reviewCompleted("r-late", "g-late", "u-akim",
                        ReviewOutcome.FINDINGS_RAISED))
                .addRaw("""
                        {"specversion":"1.0","id":"last","source":"/eer/future","type":"io.eer.SomethingNew.v2",\
                        "subject":"x","time":"2026-03-11T09:00:00Z","data":{}}""", T0.plus(Duration.ofDays(10)));
        return ledger;
    }

    static Map<String, List<String>> exceptionsByGrant(Report report) {
        return report.accesses().stream().collect(Collectors.toMap(AccessRow::grantId, AccessRow::exceptions));
    }

    @Test
    void report_listsEveryAccessWithItsFacts() {
        LedgerFixture ledger = scenario();
        Report report = ledger.report(all(Framework.HIPAA));

        assertThat(report.accesses()).extracting(AccessRow::grantId)
                .containsExactly("g-ok", "g-bad", "g-self", "g-overdue", "g-late");
        AccessRow ok = report.accesses().get(0);
        assertThat(ok.requestId()).isEqualTo("r-ok");
        assertThat(ok.kind()).isEqualTo("EMERGENCY");
        assertThat(ok.requester()).isEqualTo("u-jsmith");
        assertThat(ok.requesterType()).isEqualTo("EMPLOYEE");
        assertThat(ok.origin()).isEqualTo("EMPLOYEE_SELF");
        assertThat(ok.beneficiary()).isEqualTo("u-jsmith");
        assertThat(ok.approvers()).containsExactly("u-akim");
        assertThat(ok.approvalMode()).isEqualTo("EXPEDITED");
        assertThat(ok.approvedAt()).isEqualTo(t(1));
        assertThat(ok.justification()).isEqualTo("replica lag, failover needed");
        assertThat(ok.incident()).isEqualTo("INC-4711");
        assertThat(ok.system()).isEqualTo("payments-db");
        assertThat(ok.role()).isEqualTo("dba");
        assertThat(ok.policy()).isEqualTo("break-glass-prod@2026.03.1");
        assertThat(ok.grantedAt()).isEqualTo(t(2));
        assertThat(ok.expiresAt()).isEqualTo(t(62));
        assertThat(ok.revokedAt()).isEqualTo(t(62));
        assertThat(ok.revocationReason()).isEqualTo("EXPIRED");
        assertThat(ok.revocationConfirmed()).isTrue();
        assertThat(ok.requestedDuration()).isEqualTo(HOUR);
        assertThat(ok.approvedDuration()).isEqualTo(HOUR);
        assertThat(ok.grantedDuration()).isEqualTo(HOUR);
        assertThat(ok.actualDuration()).isEqualTo(HOUR);
        assertThat(ok.durationWithinPolicy()).isTrue();
        assertThat(ok.sessionActions()).isEqualTo(3);
        assertThat(ok.reviewOutcome()).isEqualTo("ACCESS_APPROPRIATE");
        assertThat(ok.reviewer()).isEqualTo("u-lchen");
        assertThat(ok.reviewDueAt()).isEqualTo(t(62 + 72 * 60));
        assertThat(ok.exceptions()).isEmpty();
        // request, approval, grant, revocation, review scheduled and completed; not the session actions
        assertThat(ok.evidence()).containsExactly(0L, 1L, 2L, 10L, 13L, 14L);

        AccessRow bad = report.accesses().get(1);
        assertThat(bad.approvers()).isNull();
        assertThat(bad.approvalMode()).isEqualTo("EXPEDITED"); // the planned mode, as requested
        assertThat(bad.grantedDuration()).isEqualTo(HOUR);
        assertThat(bad.durationWithinPolicy()).isFalse();
        assertThat(bad.revocationConfirmed()).isFalse();
        assertThat(bad.actualDuration()).isEqualTo(Duration.ofMinutes(80));
        assertThat(bad.reviewOutcome()).isEqualTo("NOT_SCHEDULED");
        assertThat(report.accesses().get(2).revocationConfirmed()).isNull();
        assertThat(report.accesses().get(3).reviewOutcome()).isEqualTo("PENDING");

        assertThat(report.asOf()).isEqualTo(T0.plus(Duration.ofDays(10)).plusNanos(1000L * (ledger.size() - 1)));
        assertThat(report.basis()).isEqualTo(ledger.basis());
    }

    @Test
    void report_findsEveryException() {
        Report report = scenario().report(all(Framework.SOX));

        assertThat(exceptionsByGrant(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "g-ok", List.of(),
                "g-bad", List.of("ACCESS_WITHOUT_APPROVAL", "DURATION_EXCEEDS_APPROVAL", "LATE_REVOCATION",
                        "UNCONFIRMED_REVOCATION", "ACTIVITY_AFTER_REVOCATION", "REVIEW_MISSING"),
                "g-self", List.of("MISSING_REVOCATION", "REVIEW_MISSING", "SEPARATION_OF_DUTIES_VIOLATION"),
                "g-overdue", List.of("REVIEW_OVERDUE"),
                "g-late", List.of("REVIEW_LATE", "SEPARATION_OF_DUTIES_VIOLATION")));
        assertThat(report.exceptions()).filteredOn(e -> e.kind() == ExceptionKind.SEPARATION_OF_DUTIES_ATTEMPT)
                .singleElement()
                .satisfies(attempt -> {
                    assertThat(attempt.requestId()).isEqualTo("r-ok");
                    assertThat(attempt.ledgerIndex()).isEqualTo(6);
                    assertThat(attempt.detail()).contains("u-jsmith", "APPROVE", "separation-of-duties");
                });
        ReportException late = report.exceptions().stream()
                .filter(e -> e.kind() == ExceptionKind.LATE_REVOCATION).findFirst().orElseThrow();
        assertThat(late.grantId()).isEqualTo("g-bad");
        assertThat(late.at()).isEqualTo(t(90));
        assertThat(late.ledgerIndex()).isEqualTo(11);
        assertThat(late.detail()).contains("PT20M");
        assertThat(report.exceptions()).extracting(ReportException::ledgerIndex).isSorted();
        assertThat(report.exceptionCounts().get(ExceptionKind.REVIEW_MISSING)).isEqualTo(2);
        assertThat(report.exceptionCounts().get(ExceptionKind.UNREADABLE_LEDGER_ENTRY)).isZero();
        assertThat(report.exceptionCounts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(report.exceptions().size());
    }

    @Test
    void revocation_withinGrace_isOnTime_andJustAfterIsLate() {
        Instant expires = t(60);
        for (Duration after : List.of(Duration.ofMinutes(5), Duration.ofMinutes(5).plusMillis(1))) {
            LedgerFixture ledger = new LedgerFixture()
                    .add("request-service", t(0), requested("r", "u-a", HOUR, null))
                    .add("approval-service", t(0), approved("r", "u-a", HOUR, "u-b"))
                    .add("grant-service", t(0), granted("r", "g", "u-a", t(0), expires))
                    .add("grant-service", t(70), revoked("r", "g", expires.plus(after), true));
            List<String> kinds = ledger.report(all(Framework.HIPAA)).accesses().get(0).exceptions();
            if (after.equals(Duration.ofMinutes(5))) {
                assertThat(kinds).doesNotContain("LATE_REVOCATION");
            } else {
                assertThat(kinds).contains("LATE_REVOCATION");
            }
        }
    }

    @Test
    void missingRevocation_onlyOnceTheGraceHasPassedAtTheBasis() {
        LedgerFixture ledger = new LedgerFixture()
                .add("request-service", t(0), requested("r", "u-a", HOUR, null))
                .add("approval-service", t(0), approved("r", "u-a", HOUR, "u-b"))
                .add("grant-service", t(0), granted("r", "g", "u-a", t(0), t(60)));
        assertThat(ledger.report(all(Framework.HIPAA)).accesses().get(0).exceptions()).isEmpty();
        ledger.add("grant-service", t(64), action("r", "g", t(64)));
        assertThat(ledger.report(all(Framework.HIPAA)).accesses().get(0).exceptions()).isEmpty();
        ledger.add("grant-service", t(66), action("r", "g", t(66)));
        assertThat(ledger.report(all(Framework.HIPAA)).accesses().get(0).exceptions())
                .containsExactly("MISSING_REVOCATION");
    }

    @Test
    void approval_recordedAfterTheGrant_countsOnlyWhenStampedBeforeIt() {
        LedgerFixture onTime = new LedgerFixture()
                .add("request-service", t(0), requested("r", "u-a", HOUR, null))
                .add("grant-service", t(2), granted("r", "g", "u-a", t(2), t(62)))
                .add("approval-service", t(1), approved("r", "u-a", HOUR, "u-b"));
        assertThat(onTime.report(all(Framework.ISO27001)).accesses().get(0).exceptions()).isEmpty();

        LedgerFixture after = new LedgerFixture()
                .add("request-service", t(0), requested("r", "u-a", HOUR, null))
                .add("grant-service", t(2), granted("r", "g", "u-a", t(2), t(62)))
                .add("approval-service", t(3), approved("r", "u-a", HOUR, "u-b"));
        assertThat(after.report(all(Framework.ISO27001)).accesses().get(0).exceptions())
                .containsExactly("ACCESS_WITHOUT_APPROVAL");
    }

    @Test
    void eventsOfAGrant_recordedBeforeItsGrant_stillCount() {
        // the ledger reads several topics: a review or revocation can land before the AccessGranted it follows
        LedgerFixture ledger = new LedgerFixture()
                .add("request-service", t(0), requested("r", "u-a", HOUR, null))
                .add("review-service", t(63), reviewCompleted("r", "g", "u-c", ReviewOutcome.ACCESS_APPROPRIATE))
                .add("grant-service", t(62), revoked("r", "g", t(62), true))
                .add("grant-service", t(5), action("r", "g", t(5)))
                .add("approval-service", t(1), approved("r", "u-a", HOUR, "u-b"))
                .add("grant-service", t(2), granted("r", "g", "u-a", t(2), t(62)));
        AccessRow row = ledger.report(all(Framework.HIPAA)).accesses().get(0);
        assertThat(row.revokedAt()).isEqualTo(t(62));
        assertThat(row.sessionActions()).isEqualTo(1);
        assertThat(row.reviewOutcome()).isEqualTo("ACCESS_APPROPRIATE");
        assertThat(row.exceptions()).isEmpty();
        assertThat(row.evidence()).containsExactly(0L, 1L, 2L, 4L, 5L);
    }

    @Test
    void period_keepsAccessesWhoseWindowOverlapsIt_andAttemptsInIt() {
        LedgerFixture ledger = scenario();
        // [t(63), t(101)): g-ok was revoked at t(62) (out), g-bad revoked at t(90) (in), g-self granted t(102) (out)
        Report report = ledger.report(new ReportRequest(Framework.NIST_CSF, t(63), t(101), ReportParameters.DEFAULTS));
        assertThat(report.accesses()).extracting(AccessRow::grantId).containsExactly("g-bad");
        assertThat(report.exceptions()).noneMatch(e -> e.kind() == ExceptionKind.SEPARATION_OF_DUTIES_ATTEMPT);
        // an access never revoked stays in every later period
        Report later = ledger.report(new ReportRequest(Framework.NIST_CSF, t(5000), null, ReportParameters.DEFAULTS));
        assertThat(later.accesses()).extracting(AccessRow::grantId).containsExactly("g-self");
        // the period does not change the basis
        assertThat(later.basis()).isEqualTo(report.basis());
    }

    @Test
    void finish_refusesABasisTheEntriesDoNotEndAt() {
        LedgerFixture ledger = scenario();
        ReportBuilder builder = new ReportBuilder(all(Framework.HIPAA));
        ledger.events().forEach(builder::accept);
        assertThatThrownBy(() -> builder.finish(ReportBasis.ofLedgerHead(ledger.size() + 1, ledger.chainHead())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("basis");
        assertThatThrownBy(() -> builder.finish(ReportBasis.ofLedgerHead(ledger.size(), "ab".repeat(32))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chain value");
        ReportBuilder gap = new ReportBuilder(all(Framework.HIPAA));
        assertThatThrownBy(() -> gap.accept(ledger.events().get(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyLedger_givesAnEmptyReportOnTheGenesisHead() {
        Report report = new ReportBuilder(all(Framework.SOX)).finish(ReportBasis.ofLedgerHead(0, "0".repeat(64)));
        assertThat(report.accesses()).isEmpty();
        assertThat(report.exceptions()).isEmpty();
        assertThat(report.asOf()).isNull();
    }

    @Test
    void malformedFields_leaveCellsEmpty_neverFail() {
        LedgerFixture ledger = new LedgerFixture().addRaw("""
                {"specversion":"1.0","id":"g1","source":"/eer/grant-service","type":"io.eer.AccessGranted.v1",\
                "subject":"r-x","time":"2026-03-01T09:00:00Z","data":{"grantId":"g-x","grantedAt":"yesterday",\
                "expiresAt":42,"system":["not","text"]}}""", T0);
        AccessRow row = ledger.report(all(Framework.HIPAA)).accesses().get(0);
        assertThat(row.requestId()).isEqualTo("r-x");
        assertThat(row.grantedAt()).isEqualTo(T0); // the CloudEvent time stands in
        assertThat(row.expiresAt()).isNull();
        assertThat(row.system()).isNull();
        assertThat(row.durationWithinPolicy()).isNull();
        assertThat(row.exceptions()).containsExactly("ACCESS_WITHOUT_APPROVAL");
    }

    @Test
    void everyColumnAndException_namesControlsInEveryFramework() {
        for (Framework framework : Framework.values()) {
            for (Column column : Column.values()) {
                assertThat(column.controls(framework)).as(column + " in " + framework).isNotEmpty();
            }
            for (ExceptionKind kind : ExceptionKind.values()) {
                assertThat(kind.controls(framework)).as(kind + " in " + framework).isNotEmpty();
            }
        }
        // the controls the issue names are all evidenced somewhere
        assertThat(Control.values()).allSatisfy(control -> assertThat(
                java.util.Arrays.stream(Column.values()).anyMatch(c -> c.controls().contains(control))
                        || ReportBasis.CONTROLS.contains(control)).as(control.id()).isTrue());
    }
}
