package io.eer.audit.insight.application.report;

import io.eer.audit.insight.domain.ReportParameters;

import static io.eer.audit.insight.application.report.ReportBuilderTest.all;
import static io.eer.audit.insight.application.report.ReportBuilderTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportReplayTest {

    @Test
    void reproduce_fromTheExport_givesTheSameReport() throws IOException {
        LedgerFixture ledger = ReportBuilderTest.scenario();
        ReportRequest request = new ReportRequest(Framework.SOX, t(0), t(400),
                new ReportParameters(java.time.Duration.ofMinutes(2), java.time.Duration.ofDays(1)));
        Report original = ledger.report(request);
        Report reproduced = ReportReplay.fromNdjson(new StringReader(ledger.ndjson()), request, ledger.basis());
        assertThat(reproduced).isEqualTo(original);
        assertThat(ReportJson.toJson(reproduced)).isEqualTo(ReportJson.toJson(original));
        assertThat(ReportReplay.fromNdjson(new StringReader(ledger.ndjson()), request)).isEqualTo(original);
    }

    @Test
    void reproduce_readsOnlyTheBasis_evenWhenTheExportIsLonger() throws IOException {
        LedgerFixture ledger = ReportBuilderTest.scenario();
        ReportBasis basis = ledger.basis();
        Report original = ledger.report(all(Framework.HIPAA));
        ledger.add("request-service", t(9999), LedgerFixture.requested("later", "u-z", ReportBuilderTest.HOUR, null));
        Report reproduced = ReportReplay.fromNdjson(new StringReader(ledger.ndjson() + "{\"checkpoint\":{}}\n"),
                all(Framework.HIPAA), basis);
        assertThat(reproduced).isEqualTo(original);
    }

    @Test
    void reproduce_refusesAnAlteredExport() {
        LedgerFixture ledger = ReportBuilderTest.scenario();
        String altered = ledger.ndjson().replace("\"u-mallory\"", "\"u-mallorx\"");
        assertThatThrownBy(() -> ReportReplay.fromNdjson(new StringReader(altered), all(Framework.HIPAA),
                ledger.basis())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf mismatch");
        String dropped = ledger.ndjson().lines().filter(line -> !line.startsWith("{\"index\":3,"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> ReportReplay.fromNdjson(new StringReader(dropped), all(Framework.HIPAA),
                ledger.basis())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 3");
        assertThatThrownBy(() -> ReportReplay.fromNdjson(new StringReader(ledger.ndjson()), all(Framework.HIPAA),
                ReportBasis.ofLedgerHead(ledger.size(), "cd".repeat(32))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain value");
    }

    @Test
    void commandLine_checkReproducesAJsonReport(@TempDir Path dir) throws IOException {
        LedgerFixture ledger = ReportBuilderTest.scenario();
        JsonNode report = ReportJson.toJson(ledger.report(new ReportRequest(Framework.NIST_CSF, t(60), null,
                ReportParameters.DEFAULTS)));
        Path file = dir.resolve("report.json");
        Files.writeString(file, EventCodec.mapper().writeValueAsString(report));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReportReplay.run(new String[] {"--check", file.toString()}, new StringReader(ledger.ndjson()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("reproduced: identical");

        ((com.fasterxml.jackson.databind.node.ObjectNode) report.path("accesses").get(0)).put("approvers", "nobody");
        Files.writeString(file, EventCodec.mapper().writeValueAsString(report));
        out.reset();
        status = ReportReplay.run(new String[] {"--check", file.toString()}, new StringReader(ledger.ndjson()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("NOT reproduced");
    }

    @Test
    void commandLine_writesEachFormat_andRejectsBadArguments() throws IOException {
        LedgerFixture ledger = ReportBuilderTest.scenario();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(ReportReplay.run(new String[] {"hipaa", "--format", "csv", "--size", "3"},
                new StringReader(ledger.ndjson()), print, System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("request_id [HIPAA 164.312(b)]");
        out.reset();
        assertThat(ReportReplay.run(new String[] {"iso27001", "--format", "html"}, new StringReader(ledger.ndjson()),
                print, System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>").contains(ledger.chainHead());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ReportReplay.run(new String[] {"pci"}, new StringReader(""), print,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown framework pci");
        assertThat(ReportReplay.run(new String[] {"sox", "--size", "999"}, new StringReader(ledger.ndjson()), print,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    }
}
