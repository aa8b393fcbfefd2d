package io.eer.audit.insight.api;

import io.eer.audit.insight.application.BuildReport;
import io.eer.audit.insight.application.report.Framework;
import io.eer.audit.insight.application.report.Report;
import io.eer.audit.insight.application.report.ReportCsv;
import io.eer.audit.insight.application.report.ReportHtml;
import io.eer.audit.insight.application.report.ReportJson;
import io.eer.audit.insight.application.report.ReportRequest;
import io.eer.audit.insight.config.ReportSettings;
import io.eer.audit.ledger.application.TimelineAccess;
import io.eer.contracts.EventCodec;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Compliance reports rebuilt from the ledger: {@code GET /v1/reports/{sox|hipaa|iso27001|nist-csf}?from=&to=&format=}.
 * Auditors and admins only.
 */
@Path("/v1/reports")
public class ReportResource {

    static final String CSV = "text/csv; charset=utf-8; header=present";
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    /** The HTML report needs nothing but its inline style; no script may ever run in it. */
    static final String HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private final BuildReport buildReport;
    private final Callers callers;
    private final ReportSettings settings;

    ReportResource(BuildReport buildReport, Callers callers, ReportSettings settings) {
        this.buildReport = buildReport;
        this.callers = callers;
        this.settings = settings;
    }

    @GET
    @Path("/{framework}")
    public Uni<Response> report(@PathParam("framework") String frameworkKey, @QueryParam("from") String fromText,
            @QueryParam("to") String toText, @QueryParam("format") String formatText,
            @QueryParam("section") String sectionText) {
        if (!callers.current().inAnyGroup(TimelineAccess.READER_GROUPS)) {
            throw ProblemException.forbidden("compliance reports are visible to the groups auditors and eer-admins");
        }
        Framework framework = Framework.fromKey(frameworkKey).orElseThrow(() -> ProblemException.badRequest(
                "framework", "one-of", "framework must be one of " + Arrays.stream(Framework.values())
                        .map(Framework::key).collect(Collectors.joining(", "))));
        String format = formatText == null || formatText.isBlank() ? "json" : formatText.trim();
        if (!format.equals("json") && !format.equals("csv") && !format.equals("html")) {
            throw ProblemException.badRequest("format", "one-of", "format must be one of json, csv, html");
        }
        ReportCsv.Section section = section(sectionText);
        Instant from = instant("from", fromText);
        Instant to = instant("to", toText);
        if (from != null && to != null && !to.isAfter(from)) {
            throw ProblemException.badRequest("to", "after-from", "to must be later than from");
        }
        ReportRequest request = new ReportRequest(framework, from, to, settings.parameters());
        return buildReport.execute(request).map(report -> respond(report, format, section));
    }

    private static Response respond(Report report, String format, ReportCsv.Section section) {
        String name = "eer-" + report.framework().key() + "-report-" + report.basis().size();
        Response.ResponseBuilder response = switch (format) {
            case "csv" -> Response.ok(ReportCsv.write(report, section), CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + name + "-"
                            + section.name().toLowerCase(Locale.ROOT) + ".csv\"");
            case "html" -> Response.ok(ReportHtml.write(report), HTML)
                    .header("Content-Security-Policy", HTML_CSP);
            default -> Response.ok(json(report), JSON);
        };
        // the basis, also for a CSV without rows
        return response.header("EER-Report-Basis-Size", report.basis().size())
                .header("EER-Report-Basis-Chain-Head", report.basis().chainHead())
                .header("EER-Report-Basis-Merkle-Root", report.basis().merkleRoot())
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static String json(Report report) {
        try {
            return EventCodec.mapper().writeValueAsString(ReportJson.toJson(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serializes", e);
        }
    }

    private static ReportCsv.Section section(String text) {
        if (text == null || text.isBlank()) {
            return ReportCsv.Section.ACCESSES;
        }
        return switch (text.trim()) {
            case "accesses" -> ReportCsv.Section.ACCESSES;
            case "exceptions" -> ReportCsv.Section.EXCEPTIONS;
            default -> throw ProblemException.badRequest("section", "one-of",
                    "section must be accesses or exceptions (it selects the CSV table)");
        };
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return io.eer.support.api.Params.plausible(field, Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "format",
                    field + " must be an RFC 3339 time with a zone, e.g. 2026-11-01T00:00:00Z");
        }
    }
}
