package io.eer.audit.insight.application.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML form: one self-contained page (inline CSS, no script, no external resource, a Content-Security-Policy
 * that forbids scripts) with the framework, the basis, the summary, the access table with the controls under each
 * header, the exceptions and the control legend. Every value from the ledger is HTML-escaped.
 */
public final class ReportHtml {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1b1f24}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd}
            .subtitle{color:#555;margin-top:0}
            dl.basis{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem}
            dl.basis dt{font-weight:600}dl.basis dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;font-size:.8rem}
            th,td{border:1px solid #ccd;padding:.25rem .4rem;vertical-align:top;text-align:left}
            th{background:#eef1f6}th .controls{display:block;font-weight:400;color:#555;font-size:.7rem}
            tr.has-exceptions td{background:#fff4e5}
            td.exceptions{color:#a40000;font-weight:600}
            .none{color:#555;font-style:italic}
            .count-nonzero{color:#a40000;font-weight:600}
            footer{margin-top:2rem;color:#555;font-size:.8rem}
            """;

    private ReportHtml() {
    }

    public static String write(Report report) {
        Framework framework = report.framework();
        ReportBasis basis = report.basis();
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<title>EER compliance report: ").append(esc(framework.title())).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>Emergency and JIT access: compliance report</h1>\n");
        out.append("<p class=\"subtitle\" id=\"framework\">").append(esc(framework.title())).append("</p>\n");

        out.append("<section id=\"basis\">\n<h2>Basis</h2>\n<dl class=\"basis\">\n");
        dt(out, "Ledger entries", "basis-size", Long.toString(basis.size()));
        dt(out, "Chain head", "basis-chain-head", basis.chainHead());
        dt(out, "Merkle root", "basis-merkle-root", basis.merkleRoot() != null ? basis.merkleRoot()
                : "not stated (computed from the ledger head, not from a signed checkpoint)");
        dt(out, "Source", "basis-source", basis.source()
                + (basis.checkpointKeyId() != null ? ", key " + basis.checkpointKeyId() : "")
                + (basis.checkpointTimestamp() != null ? ", signed " + basis.checkpointTimestamp() : ""));
        dt(out, "As of", "basis-as-of", report.asOf() == null ? "empty ledger" : report.asOf().toString());
        dt(out, "Period", "period", period(report));
        dt(out, "Thresholds", "parameters", "revocation grace "
                + Cells.human(report.request().parameters().revocationGrace()) + "; default review due "
                + Cells.human(report.request().parameters().defaultReviewDue()) + " after the access ends");
        dt(out, "Evidences", "basis-controls", Cells.controls(ReportBasis.CONTROLS.stream()
                .filter(control -> control.framework() == framework).toList()));
        out.append("</dl>\n<p>Computed from ledger entries 0 to ").append(Math.max(0, basis.size() - 1))
                .append(" only. To reproduce it, export those entries (<code>GET /v1/audit/events?from=0&amp;limit=")
                .append(basis.size()).append("</code>), check that the chain value of the last one is the chain head "
                        + "above, and run the report over the export (audit-service README, \"Reports\").</p>\n")
                .append("</section>\n");

        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p><span id=\"access-count\">")
                .append(report.accesses().size()).append("</span> accesses, <span id=\"exception-count\">")
                .append(report.exceptions().size()).append("</span> exceptions.</p>\n<ul>\n");
        for (Map.Entry<ExceptionKind, Integer> count : report.exceptionCounts().entrySet()) {
            out.append("<li").append(count.getValue() > 0 ? " class=\"count-nonzero\"" : "").append('>')
                    .append(esc(count.getKey().title())).append(": ").append(count.getValue()).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");

        out.append("<section id=\"accesses-section\">\n<h2>Accesses</h2>\n");
        if (report.accesses().isEmpty()) {
            out.append("<p class=\"none\">No emergency or JIT access in this period.</p>\n");
        }
        out.append("<div class=\"scroll\">\n<table id=\"accesses\">\n<thead><tr>");
        for (Column column : Column.inOrder()) {
            out.append("<th scope=\"col\" data-column=\"").append(esc(column.key())).append("\">")
                    .append(esc(column.label())).append("<span class=\"controls\">")
                    .append(esc(Cells.controls(column.controls(framework)))).append("</span></th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (AccessRow row : report.accesses()) {
            out.append("<tr data-grant=\"").append(esc(nullToEmpty(row.grantId()))).append('"')
                    .append(row.exceptions().isEmpty() ? "" : " class=\"has-exceptions\"").append('>');
            for (Column column : Column.inOrder()) {
                out.append("<td data-column=\"").append(esc(column.key())).append('"')
                        .append(column == Column.EXCEPTIONS ? " class=\"exceptions\"" : "").append('>')
                        .append(esc(html(column.valueOf(row)))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");

        out.append("<section id=\"exceptions-section\">\n<h2>Exceptions</h2>\n");
        if (report.exceptions().isEmpty()) {
            out.append("<p class=\"none\">No exceptions.</p>\n");
        } else {
            out.append("<div class=\"scroll\">\n<table id=\"exceptions\">\n<thead><tr><th scope=\"col\">Exception</th>"
                    + "<th scope=\"col\">Request</th><th scope=\"col\">Grant</th><th scope=\"col\">At</th>"
                    + "<th scope=\"col\">Detail</th><th scope=\"col\">Ledger entry</th><th scope=\"col\">Controls</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (ReportException exception : report.exceptions()) {
                out.append("<tr data-kind=\"").append(exception.kind().name()).append("\"><td>")
                        .append(esc(exception.kind().title())).append("</td><td>")
                        .append(esc(nullToEmpty(exception.requestId()))).append("</td><td>")
                        .append(esc(nullToEmpty(exception.grantId()))).append("</td><td>")
                        .append(esc(Cells.text(exception.at()))).append("</td><td>")
                        .append(esc(exception.detail())).append("</td><td>").append(exception.ledgerIndex())
                        .append("</td><td>").append(esc(Cells.controls(exception.kind().controls(framework))))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n</div>\n");
        }
        out.append("</section>\n");

        out.append("<section id=\"controls-section\">\n<h2>Controls</h2>\n<table id=\"controls\">\n<thead><tr>"
                + "<th scope=\"col\">Control</th><th scope=\"col\">What it asks</th>"
                + "<th scope=\"col\">Evidenced by the columns</th><th scope=\"col\">Exceptions that show a failure</th>"
                + "</tr></thead>\n<tbody>\n");
        for (Map.Entry<Control, Legend.Use> entry : Legend.of(framework).entrySet()) {
            Legend.Use use = entry.getValue();
            String columns = use.columns().stream().map(Column::label).collect(Collectors.joining(", "));
            if (use.basis()) {
                columns = columns.isEmpty() ? "the basis" : columns + "; the basis";
            }
            out.append("<tr><td>").append(esc(entry.getKey().id())).append("</td><td>")
                    .append(esc(entry.getKey().title())).append("</td><td>").append(esc(columns)).append("</td><td>")
                    .append(esc(use.exceptions().stream().map(ExceptionKind::title)
                            .collect(Collectors.joining(", "))))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
        out.append("<footer>EER audit-service compliance report, format version ").append(ReportJson.FORMAT_VERSION)
                .append(". Times are UTC (ISO 8601).</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String period(Report report) {
        Instant from = report.request().from();
        Instant to = report.request().to();
        if (from == null && to == null) {
            return "all recorded accesses";
        }
        return (from == null ? "the beginning" : from.toString()) + " to " + (to == null ? "the basis" : to.toString());
    }

    private static void dt(StringBuilder out, String term, String id, String value) {
        out.append("<dt>").append(esc(term)).append("</dt><dd id=\"").append(id).append("\">").append(esc(value))
                .append("</dd>\n");
    }

    private static String html(Object value) {
        if (value instanceof Duration duration) {
            return Cells.human(duration);
        }
        if (value instanceof Boolean bool) {
            return bool ? "yes" : "no";
        }
        if (value instanceof List<?> list && list.isEmpty()) {
            return "";
        }
        return Cells.text(value);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
