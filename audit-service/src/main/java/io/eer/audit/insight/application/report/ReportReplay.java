package io.eer.audit.insight.application.report;

import io.eer.audit.insight.domain.ReportParameters;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reproduces a report from an exported ledger (NDJSON as {@code GET /v1/audit/events} writes it, one entry a line:
 * {@code {"index","recordedAt","topic","partition","offset","leaf","chain","event"}}), with no trust in the running
 * service: every leaf and chain value is recomputed from the line before the entry is used, the first {@code size}
 * entries are read, and the last chain value must be the basis's chain head. Lines without an {@code index} (for
 * example checkpoint lines of a fuller export) are skipped.
 *
 * <p>Command line (classpath: the audit-service jar and its libraries, e.g.
 * {@code java -cp 'quarkus-app/app/*:quarkus-app/lib/main/*' io.eer.audit.insight.application.report.ReportReplay …}):
 * <pre>
 * ReportReplay --check report.json &lt; export.ndjson      # reproduce a JSON report and compare: exit 0 when identical
 * ReportReplay hipaa [--from T] [--to T] [--size N] [--chain-head HEX] [--format json|csv|html]
 *              [--section accesses|exceptions] [--revocation-grace PT5M] [--default-review-due P3D] &lt; export.ndjson
 * </pre>
 */
public final class ReportReplay {

    private ReportReplay() {
    }

    /**
     * The report over the first {@code basis.size} entries of {@code ndjson}; throws {@link IllegalArgumentException}
     * when a line does not recompute, an index is missing, the export is shorter, or the chain value at
     * {@code size-1} is not {@code basis.chainHead}.
     */
    public static Report fromNdjson(Reader ndjson, ReportRequest request, ReportBasis basis) throws IOException {
        ReportBuilder builder = new ReportBuilder(request);
        long read = read(ndjson, basis.size(), builder);
        if (read < basis.size()) {
            throw new IllegalArgumentException("the export holds " + read + " entries; the basis needs "
                    + basis.size());
        }
        try {
            return builder.finish(basis);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The report over every entry of {@code ndjson}, with the basis its last line gives (an unsigned ledger head). */
    public static Report fromNdjson(Reader ndjson, ReportRequest request) throws IOException {
        ReportBuilder builder = new ReportBuilder(request);
        String[] head = {LedgerHash.hex(LedgerHash.genesis())};
        long read = read(ndjson, Long.MAX_VALUE, builder, head);
        return builder.finish(ReportBasis.ofLedgerHead(read, head[0]));
    }

    /** The request a JSON report was computed for: framework, period and thresholds. */
    public static ReportRequest requestOf(JsonNode report) {
        Framework framework = Framework.fromKey(report.path("framework").path("key").asText())
                .orElseThrow(() -> new IllegalArgumentException("the report names no known framework"));
        return new ReportRequest(framework, instantOrNull(report.path("period").path("from")),
                instantOrNull(report.path("period").path("to")),
                new ReportParameters(Duration.parse(report.path("parameters").path("revocationGrace").asText()),
                        Duration.parse(report.path("parameters").path("defaultReviewDue").asText())));
    }

    /** The basis a JSON report states. Its Merkle root and signature are carried over, not checked here. */
    public static ReportBasis basisOf(JsonNode report) {
        JsonNode basis = report.path("basis");
        return new ReportBasis(basis.path("size").asLong(), basis.path("chainHead").asText(),
                textOrNull(basis.path("merkleRoot")), basis.path("source").asText(),
                textOrNull(basis.path("checkpointKeyId")), instantOrNull(basis.path("checkpointTimestamp")));
    }

    private static long read(Reader ndjson, long size, ReportBuilder builder) throws IOException {
        return read(ndjson, size, builder, new String[1]);
    }

    /** Feeds up to {@code size} verified entries to {@code builder}; returns how many; {@code head[0]}: last chain. */
    private static long read(Reader ndjson, long size, ReportBuilder builder, String[] head) throws IOException {
        BufferedReader lines = ndjson instanceof BufferedReader buffered ? buffered : new BufferedReader(ndjson);
        byte[] chain = LedgerHash.genesis();
        long next = 0;
        String text;
        int lineNumber = 0;
        while (next < size && (text = lines.readLine()) != null) {
            lineNumber++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = EventCodec.mapper().readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("line " + lineNumber + " is not JSON: " + e.getMessage(), e);
            }
            if (!line.isObject() || !line.has("index")) {
                continue; // not a ledger entry (a checkpoint line, say)
            }
            long index = line.path("index").asLong(-1);
            if (index != next) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected ledger index " + next
                        + " but found " + line.path("index"));
            }
            Instant recordedAt;
            try {
                recordedAt = Instant.parse(line.path("recordedAt").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("entry " + index + ": recordedAt is not a time", e);
            }
            JsonNode event = line.get("event");
            if (event == null || !event.isObject()) {
                throw new IllegalArgumentException("entry " + index + " has no event; run GET /v1/audit/verify");
            }
            LedgerRecord record = new LedgerRecord(index, recordedAt, line.path("topic").asText(),
                    line.path("partition").asInt(), line.path("offset").asLong(), event);
            if (!LedgerRecord.formatTime(recordedAt).equals(line.path("recordedAt").asText())) {
                throw new IllegalArgumentException("entry " + index + ": recordedAt is not in the ledger's form");
            }
            byte[] leaf = record.leaf();
            if (!LedgerHash.hex(leaf).equals(line.path("leaf").asText())) {
                throw new IllegalArgumentException("entry " + index + ": leaf mismatch");
            }
            chain = LedgerHash.chain(chain, leaf);
            if (!LedgerHash.hex(chain).equals(line.path("chain").asText())) {
                throw new IllegalArgumentException("entry " + index + ": chain mismatch");
            }
            builder.accept(new LedgerEvent(index, recordedAt, LedgerHash.hex(chain), event));
            next++;
        }
        head[0] = LedgerHash.hex(chain);
        return next;
    }

    private static Instant instantOrNull(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // command line

    public static void main(String[] args) throws IOException {
        System.exit(run(args, new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out, System.err));
    }

    /** The command line without {@code System.exit}: 0 reproduced (or written), 1 differs, 2 bad input. */
    public static int run(String[] args, Reader in, PrintStream out, PrintStream err) throws IOException {
        try {
            if (args.length == 2 && args[0].equals("--check")) {
                JsonNode original = EventCodec.mapper().readTree(Files.readString(Path.of(args[1])));
                Report report = fromNdjson(in, requestOf(original), basisOf(original));
                // through text, so that numbers compare by value (a parsed 30 is an int, a built one a long)
                JsonNode reproduced = EventCodec.mapper().readTree(
                        EventCodec.mapper().writeValueAsString(ReportJson.toJson(report)));
                if (reproduced.equals(original)) {
                    out.println("reproduced: identical report over ledger entries [0, " + report.basis().size()
                            + "), chain head " + report.basis().chainHead());
                    return 0;
                }
                out.println("NOT reproduced: the report differs from the one computed from the export");
                out.println(EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(reproduced));
                return 1;
            }
            return write(args, in, out);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("ReportReplay: " + e.getMessage());
            err.println("usage: ReportReplay --check report.json < export.ndjson");
            err.println("       ReportReplay sox|hipaa|iso27001|nist-csf [--from T] [--to T] [--size N] "
                    + "[--chain-head HEX] [--format json|csv|html] [--section accesses|exceptions] "
                    + "[--revocation-grace D] [--default-review-due D] < export.ndjson");
            return 2;
        }
    }

    private static int write(String[] args, Reader in, PrintStream out) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("name a framework");
        }
        Framework framework = Framework.fromKey(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown framework " + args[0]));
        Instant from = null;
        Instant to = null;
        Long size = null;
        String chainHead = null;
        String format = "json";
        ReportCsv.Section section = ReportCsv.Section.ACCESSES;
        Duration grace = ReportParameters.DEFAULTS.revocationGrace();
        Duration reviewDue = ReportParameters.DEFAULTS.defaultReviewDue();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--from" -> from = Instant.parse(value);
                case "--to" -> to = Instant.parse(value);
                case "--size" -> size = Long.parseLong(value);
                case "--chain-head" -> chainHead = value.toLowerCase(Locale.ROOT);
                case "--format" -> format = value;
                case "--section" -> section = ReportCsv.Section.valueOf(value.toUpperCase(Locale.ROOT));
                case "--revocation-grace" -> grace = Duration.parse(value);
                case "--default-review-due" -> reviewDue = Duration.parse(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: " + Arrays.asList("--from", "--to", "--size", "--chain-head", "--format",
                                "--section", "--revocation-grace", "--default-review-due") + ")");
            }
        }
        ReportRequest request = new ReportRequest(framework, from, to, new ReportParameters(grace, reviewDue));
        Report report;
        if (size == null) {
            report = fromNdjson(in, request);
            if (chainHead != null && !chainHead.equals(report.basis().chainHead())) {
                throw new IllegalArgumentException("the export ends at chain value " + report.basis().chainHead()
                        + ", not " + chainHead);
            }
        } else if (chainHead == null) {
            String[] head = new String[1];
            ReportBuilder builder = new ReportBuilder(request);
            long read = read(in, size, builder, head);
            if (read < size) {
                throw new IllegalArgumentException("the export holds " + read + " entries; --size is " + size);
            }
            report = builder.finish(ReportBasis.ofLedgerHead(size, head[0]));
        } else {
            report = fromNdjson(in, request, ReportBasis.ofLedgerHead(size, chainHead));
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        switch (format) {
            case "json" -> writer.write(EventCodec.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ReportJson.toJson(report)) + "\n");
            case "csv" -> writer.write(ReportCsv.write(report, section));
            case "html" -> writer.write(ReportHtml.write(report));
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
        writer.flush();
        return 0;
    }
}
