package io.eer.audit.insight.application.report;

import static io.eer.audit.insight.application.report.LedgerFixture.approved;
import static io.eer.audit.insight.application.report.LedgerFixture.granted;
import static io.eer.audit.insight.application.report.LedgerFixture.requested;
import static io.eer.audit.insight.application.report.LedgerFixture.revoked;
import static io.eer.audit.insight.application.report.ReportBuilderTest.HOUR;
import static io.eer.audit.insight.application.report.ReportBuilderTest.all;
import static io.eer.audit.insight.application.report.ReportBuilderTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.events.AccessExtended;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code AccessExtended} (grant-service) moves the deadline a revocation is measured against in the report. */
class ReportExtensionTest {

    private static LedgerFixture revokedAtMinute100(boolean extended) {
        LedgerFixture ledger = new LedgerFixture()
                .add("request-service", t(0), requested("r", "u-a", HOUR, null))
                .add("approval-service", t(0), approved("r", "u-a", HOUR, "u-b"))
                .add("grant-service", t(0), granted("r", "g", "u-a", t(0), t(60)));
        if (extended) {
            ledger.add("grant-service", t(30), new AccessExtended("g", "r", "db", t(60), t(120), "u-a",
                    "failover still running", t(30), "u-c"));
        }
        return ledger.add("grant-service", t(100), revoked("r", "g", t(100), true));
    }

    @Test
    void revocation_beforeTheExtendedDeadline_isOnTime() {
        List<String> kinds = revokedAtMinute100(true).report(all(Framework.HIPAA)).accesses().get(0).exceptions();
        assertThat(kinds).doesNotContain("LATE_REVOCATION");
    }

    @Test
    void revocation_afterTheOriginalDeadline_withoutExtension_isLate() {
        List<String> kinds = revokedAtMinute100(false).report(all(Framework.HIPAA)).accesses().get(0).exceptions();
        assertThat(kinds).contains("LATE_REVOCATION");
    }
}
