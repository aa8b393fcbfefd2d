package io.eer.audit.insight.application.report;

import static io.eer.audit.insight.application.report.LedgerFixture.approved;
import static io.eer.audit.insight.application.report.LedgerFixture.granted;
import static io.eer.audit.insight.application.report.LedgerFixture.requested;
import static io.eer.audit.insight.application.report.ReportBuilderTest.HOUR;
import static io.eer.audit.insight.application.report.ReportBuilderTest.all;
import static io.eer.audit.insight.application.report.ReportBuilderTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.events.EmergencyRequested;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {

    static final String NASTY = "=HYPERLINK(\"http://evil\",\"x\"), <script>alert('x')</script> & \"quotes\"\r\nline 2";

    static LedgerFixture nastyLedger() {
        EmergencyRequested base = requested("r-1", "u-a", HOUR, null);
        EmergencyRequested nasty = new EmergencyRequested(base.requestId(), base.kind(), base.origin(),
                base.requester(), base.beneficiary(), base.system(), base.role(), NASTY, "INC,1", base.requestedDuration(),
                base.mfa(), base.policy(), base.approval(), base.review());
        return new LedgerFixture()
                .add("request-service", t(0), nasty)
                .add("approval-service", t(1), approved("r-1", "u-a", HOUR, "u-b", "u-c"))
                .add("grant-service", t(2), granted("r-1", "g-1", "u-a", t(2), t(62)));
    }

    @Test
    void json_namesFrameworkBasisColumnsWithControls_andEveryCell() {
        LedgerFixture ledger = nastyLedger();
        JsonNode json = ReportJson.toJson(ledger.report(all(Framework.HIPAA)));
        assertThat(json.path("framework").path("key").asText()).isEqualTo("hipaa");
        assertThat(json.path("basis").path("size").asLong()).isEqualTo(3);
        assertThat(json.path("basis").path("chainHead").asText()).isEqualTo(ledger.chainHead());
        assertThat(json.path("basis").path("merkleRoot").isNull()).isTrue();
        assertThat(json.path("basis").path("source").asText()).isEqualTo("ledger-head");
        assertThat(json.path("basis").path("controls").toString()).contains("HIPAA 164.312(b)");
        assertThat(json.path("parameters").path("revocationGrace").asText()).isEqualTo("PT5M");
        JsonNode grantedAt = json.path("columns").get(Column.GRANTED_AT.ordinal());
        assertThat(grantedAt.path("key").asText()).isEqualTo("granted_at");
        assertThat(grantedAt.path("controls").toString()).isEqualTo("[\"HIPAA 164.312(b)\"]");
        JsonNode row = json.path("accesses").get(0);
        assertThat(row.path("justification").asText()).isEqualTo(NASTY);
        assertThat(row.path("approvers").toString()).isEqualTo("[\"u-b\",\"u-c\"]");
        assertThat(row.path("granted_duration").asText()).isEqualTo("PT1H");
        assertThat(row.path("session_actions").asLong()).isZero();
        assertThat(row.path("revocation_confirmed").isNull()).isTrue();
        assertThat(row.path("duration_within_policy").asBoolean()).isTrue();
        List<String> legend = new ArrayList<>();
        json.path("controls").forEach(control -> legend.add(control.path("id").asText()));
        assertThat(legend).containsExactly("HIPAA 164.312(b)", "HIPAA 164.312(a)(2)(ii)");
        // the NIST report names both CSF and SP 800-53
        JsonNode nist = ReportJson.toJson(ledger.report(all(Framework.NIST_CSF)));
        assertThat(nist.path("columns").get(Column.REVOKED_AT.ordinal()).path("controls").toString())
                .isEqualTo("[\"SP 800-53 AC-2(2)\",\"SP 800-53 AC-2(4)\",\"CSF PR.AA-05\"]");
    }

    @Test
    void csv_isRfc4180_withControlsInTheHeader_andDefusesFormulas() {
        String csv = ReportCsv.write(nastyLedger().report(all(Framework.ISO27001)), ReportCsv.Section.ACCESSES);
        List<List<String>> rows = parseCsv(csv);
        assertThat(csv).endsWith("\r\n");
        assertThat(rows).hasSize(2);
        List<String> header = rows.get(0);
        assertThat(header.get(0)).isEqualTo("request_id [ISO A.8.15]");
        assertThat(header).contains("granted_at [ISO A.8.15; ISO A.5.18]", "basis_size [ISO A.8.15]");
        assertThat(header).hasSize(Column.values().length + 4);
        List<String> row = rows.get(1);
        assertThat(row).hasSize(header.size());
        assertThat(row.get(Column.JUSTIFICATION.ordinal())).isEqualTo("'" + NASTY);
        assertThat(row.get(Column.INCIDENT.ordinal())).isEqualTo("INC,1");
        assertThat(row.get(Column.APPROVERS.ordinal())).isEqualTo("u-b; u-c");
        assertThat(row.get(Column.GRANTED_AT.ordinal())).isEqualTo(t(2).toString());
        assertThat(row.get(header.size() - 4)).isEqualTo("3");
    }

    @Test
    void csv_exceptionsSection_listsEachExceptionWithItsControls() {
        LedgerFixture ledger = new LedgerFixture()
                .add("request-service", t(0), requested("r-1", "u-a", HOUR, null))
                .add("grant-service", t(2), granted("r-1", "g-1", "u-a", t(2), t(62)));
        List<List<String>> rows = parseCsv(ReportCsv.write(ledger.report(all(Framework.SOX)),
                ReportCsv.Section.EXCEPTIONS));
        assertThat(rows.get(0).subList(0, 8)).containsExactly("kind", "title", "request_id", "grant_id", "at",
                "detail", "ledger_index", "controls");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(0)).isEqualTo("ACCESS_WITHOUT_APPROVAL");
        assertThat(rows.get(1).get(6)).isEqualTo("1");
        assertThat(rows.get(1).get(7)).isEqualTo("SOX ITGC logical access: authorization");
    }

    @Test
    void html_escapesEveryValue() {
        String html = ReportHtml.write(nastyLedger().report(all(Framework.HIPAA)));
        assertThat(html).doesNotContain("<script>").doesNotContain("alert('x')")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(ReportHtml.esc("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void humanDurations() {
        assertThat(Cells.human(java.time.Duration.ofMinutes(90))).isEqualTo("1h 30m");
        assertThat(Cells.human(java.time.Duration.ofDays(3))).isEqualTo("3d");
        assertThat(Cells.human(java.time.Duration.ZERO)).isEqualTo("0s");
        assertThat(Cells.human(java.time.Duration.ofMillis(1500))).isEqualTo("1.500s");
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
    static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote only opens a field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertThat(csv.charAt(i + 1)).isEqualTo('\n');
                i++;
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                assertThat(c).as("a bare LF outside quotes").isNotEqualTo('\n');
                field.append(c);
            }
        }
        assertThat(quoted).isFalse();
        assertThat(row).isEmpty();
        return rows;
    }
}
