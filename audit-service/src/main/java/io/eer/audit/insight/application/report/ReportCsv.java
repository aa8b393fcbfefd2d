package io.eer.audit.insight.application.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV form (RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled). One table per call: the accesses or the exceptions. Each header names the controls the column evidences
 * in the report's framework, e.g. {@code granted_at [HIPAA 164.312(b)]}; every row repeats the basis (ledger size,
 * chain head, Merkle root, as-of time), so a file on its own still says what it was computed from.
 *
 * <p>A cell that a spreadsheet would run as a formula (first character {@code = + - @}, tab or CR) is prefixed
 * with {@code '} (OWASP CSV injection advice): request text is written by requesters.
 */
public final class ReportCsv {

    public enum Section { ACCESSES, EXCEPTIONS }

    private static final String CRLF = "\r\n";

    private ReportCsv() {
    }

    public static String write(Report report, Section section) {
        return section == Section.ACCESSES ? accesses(report) : exceptions(report);
    }

    static String accesses(Report report) {
        Framework framework = report.framework();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (Column column : Column.inOrder()) {
            header.add(name(column.key(), column.controls(framework)));
        }
        header.addAll(basisHeader(framework));
        line(out, header);
        for (AccessRow row : report.accesses()) {
            List<String> cells = new ArrayList<>();
            for (Column column : Column.inOrder()) {
                cells.add(Cells.text(column.valueOf(row)));
            }
            cells.addAll(basisCells(report));
            line(out, cells);
        }
        return out.toString();
    }

    static String exceptions(Report report) {
        Framework framework = report.framework();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("kind", "title", "request_id", "grant_id", "at", "detail",
                "ledger_index", "controls"));
        header.addAll(basisHeader(framework));
        line(out, header);
        for (ReportException exception : report.exceptions()) {
            List<String> cells = new ArrayList<>(List.of(exception.kind().name(), exception.kind().title(),
                    Cells.text(exception.requestId()), Cells.text(exception.grantId()), Cells.text(exception.at()),
                    Cells.text(exception.detail()), Long.toString(exception.ledgerIndex()),
                    Cells.controls(exception.kind().controls(framework))));
            cells.addAll(basisCells(report));
            line(out, cells);
        }
        return out.toString();
    }

    private static List<String> basisHeader(Framework framework) {
        String controls = " [" + Cells.controls(ReportBasis.CONTROLS.stream()
                .filter(control -> control.framework() == framework).toList()) + "]";
        String suffix = controls.equals(" []") ? "" : controls;
        return List.of("basis_size" + suffix, "basis_chain_head" + suffix, "basis_merkle_root" + suffix,
                "basis_as_of" + suffix);
    }

    private static List<String> basisCells(Report report) {
        ReportBasis basis = report.basis();
        return List.of(Long.toString(basis.size()), basis.chainHead(), Cells.text(basis.merkleRoot()),
                Cells.text(report.asOf()));
    }

    private static String name(String key, List<Control> controls) {
        return controls.isEmpty() ? key : key + " [" + Cells.controls(controls) + "]";
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append(CRLF);
    }

    static String field(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\r') >= 0 || safe.indexOf('\n') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
