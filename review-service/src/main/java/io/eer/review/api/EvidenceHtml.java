package io.eer.review.api;

import io.eer.review.application.EvidencePack;
import io.eer.review.domain.Finding;
import io.eer.review.projection.LedgerProofs;
import java.util.List;
import java.util.function.Function;

/**
 * The evidence pack as one self-contained HTML page (inline style, no script, nothing fetched): readable by a person,
 * and carrying the pack's JSON unchanged in {@code <script type="application/json" id="eer-evidence">}, so
 * {@code audit-verifier --evidence page.html} checks the page offline as it checks the JSON (every {@code <} in it
 * written as a JSON unicode escape).
 */
final class EvidenceHtml {

    private EvidenceHtml() {
    }

    static String render(EvidencePack pack, String json) {
        var review = pack.review();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Evidence of review ").append(esc(review.reviewId())).append("</title>")
                .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:72em}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;"
                        + "padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eee}"
                        + ".finding{color:#a00}code{font-size:12px;word-break:break-all}</style></head><body>\n");
        html.append("<h1>Evidence of review ").append(esc(review.reviewId())).append("</h1>\n");
        html.append("<p>Generated ").append(esc(pack.generatedAt())).append(" (").append(esc(pack.format()))
                .append("). Status <b>").append(esc(review.status())).append("</b>, due ")
                .append(esc(review.dueAt())).append(review.overdue() ? " &mdash; <b>overdue</b>" : "")
                .append(review.outcome() == null ? "" : ", outcome <b>" + esc(review.outcome()) + "</b> by "
                        + esc(review.reviewer()))
                .append(".</p>\n");

        html.append("<h2>Request</h2>\n");
        var request = pack.request();
        if (request == null) {
            html.append("<p>Not received.</p>\n");
        } else {
            table(html, List.of("request", "kind", "requester", "beneficiary", "system", "role", "justification",
                    "incident"), List.of(row(request.requestId(), request.emergency() ? "EMERGENCY" : "JIT",
                    request.requester(), request.beneficiary(), request.system(), request.role(),
                    request.justification(), request.incident())));
        }

        html.append("<h2>Approvals</h2>\n");
        table(html, List.of("mode", "approver", "at", "MFA methods", "MFA auth time"), pack.approvals().stream()
                .flatMap(approval -> approval.decisions().isEmpty()
                        ? java.util.stream.Stream.of(row(approval.mode(), String.join(", ",
                                approval.approvers()), "", "", ""))
                        : approval.decisions().stream().map(d -> row(approval.mode(), d.approver(),
                                d.at(), String.join(", ", d.mfaMethods()), d.mfaAuthTime())))
                .toList());

        html.append("<h2>Grant window</h2>\n");
        var grant = pack.grant();
        if (grant == null) {
            html.append("<p>No AccessGranted received.</p>\n");
        } else {
            table(html, List.of("grant", "account", "granted at", "expires at", "length"), List.of(row(
                    grant.grantId(), grant.account(), grant.grantedAt(), grant.expiresAt(), grant.length())));
        }

        html.append("<h2>Recorded actions</h2>\n");
        actions(html, "Observed by the session gateway", pack.actions().gateway());
        actions(html, "Reported by a session agent", pack.actions().agent());
        actions(html, "Self-reported by the beneficiary", pack.actions().selfReported());

        html.append("<h2>Revocation receipt</h2>\n");
        var revocation = pack.revocation();
        if (revocation == null) {
            html.append("<p>Not received.</p>\n");
        } else {
            table(html, List.of("reason", "revoked at", "sessions terminated", "confirmed"), List.of(row(
                    revocation.reason(), revocation.revokedAt(), revocation.sessionsTerminated(),
                    revocation.confirmed())));
        }

        html.append("<h2>Attestation by the beneficiary</h2>\n");
        var attestation = pack.attestation();
        html.append(attestation == null ? "<p>" + (review.attestationRequired() ? "Required (break-glass), not given."
                : "Not required.") + "</p>\n"
                : "<p>" + esc(attestation.by()) + " at " + esc(attestation.at()) + ":</p><blockquote>"
                        + esc(attestation.statement()) + "</blockquote>\n");

        html.append("<h2>Automatic findings</h2>\n");
        if (pack.findings().isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<ul>");
            for (Finding finding : pack.findings()) {
                html.append("<li class=\"finding\"><b>").append(esc(finding.rule())).append("</b>: ")
                        .append(esc(finding.detail())).append("</li>");
            }
            html.append("</ul>\n");
        }

        html.append("<h2>Ledger inclusion proofs</h2>\n");
        LedgerProofs.Ledger ledger = pack.ledger();
        if (!"included".equals(ledger.status())) {
            html.append("<p>Unavailable: ").append(esc(ledger.reason())).append("</p>\n");
        } else {
            var signed = ledger.checkpoint().path("checkpoint");
            html.append("<p>Under signed checkpoint of size ").append(esc(signed.path("size").asText()))
                    .append(", root <code>").append(esc(signed.path("merkleRoot").asText()))
                    .append("</code>. Check offline: <code>audit-verifier --evidence this-page.html --public-key "
                            + "KEY.pem</code>.</p>\n");
            table(html, List.of("index", "type", "event id", "leaf"), ledger.entries().stream()
                    .map(entry -> row(entry.index(), entry.type(), entry.eventId(), entry.leaf()))
                    .toList());
            if (!ledger.pending().isEmpty()) {
                html.append("<p>Not yet under a signed checkpoint: ").append(esc(String.join(", ", ledger.pending())))
                        .append("</p>\n");
            }
        }
        // the pack itself, for the verifier; every "<" written as its JSON unicode escape (backslash, u003c), so no
        // "</script" or "<!--" in the data can end or change the script element (the JSON means the same)
        html.append("<script type=\"application/json\" id=\"eer-evidence\">")
                .append(json.replace("<", "\\u003c")).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private static void actions(StringBuilder html, String title, List<EvidencePack.ActionPart> actions) {
        html.append("<h3>").append(esc(title)).append(" (").append(actions.size()).append(")</h3>\n");
        if (!actions.isEmpty()) {
            table(html, List.of("at", "session", "action", "kind", "statement", "object", "reported by"),
                    actions.stream().map(a -> row(a.at(), a.sessionId(), a.action(), a.kind(), a.statement(),
                            a.object(), a.reportedBy()))
                    .toList());
        }
    }

    private static void table(StringBuilder html, List<String> headers, List<? extends List<?>> rows) {
        html.append("<table><tr>");
        headers.forEach(header -> html.append("<th>").append(esc(header)).append("</th>"));
        html.append("</tr>");
        for (List<?> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(esc(cell)).append("</td>"));
            html.append("</tr>");
        }
        html.append("</table>\n");
    }

    /** One table row; cells may be null (shown empty). */
    private static List<Object> row(Object... cells) {
        return java.util.Arrays.asList(cells);
    }

    /** Everything received is text, never markup. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        Function<String, String> escape = text -> text.replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
        return escape.apply(value.toString());
    }
}
