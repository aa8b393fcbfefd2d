package io.eer.audit.insight.application.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a report. Member order is fixed and nothing in it depends on when or where it was computed, so
 * a report reproduced from an export is equal to the service's, member for member.
 */
public final class ReportJson {

    public static final int FORMAT_VERSION = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReportJson() {
    }

    public static ObjectNode toJson(Report report) {
        Framework framework = report.framework();
        ObjectNode root = JSON.objectNode();
        root.put("report", "eer-compliance-report");
        root.put("formatVersion", FORMAT_VERSION);
        ObjectNode fw = root.putObject("framework");
        fw.put("key", framework.key());
        fw.put("title", framework.title());
        ObjectNode period = root.putObject("period");
        putInstant(period, "from", report.request().from());
        putInstant(period, "to", report.request().to());
        root.set("basis", basis(report));
        ObjectNode parameters = root.putObject("parameters");
        parameters.put("revocationGrace", report.request().parameters().revocationGrace().toString());
        parameters.put("defaultReviewDue", report.request().parameters().defaultReviewDue().toString());
        ObjectNode summary = root.putObject("summary");
        summary.put("accesses", report.accesses().size());
        summary.put("exceptions", report.exceptions().size());
        ObjectNode byKind = summary.putObject("exceptionsByKind");
        report.exceptionCounts().forEach((kind, count) -> byKind.put(kind.name(), count));
        ArrayNode columns = root.putArray("columns");
        for (Column column : Column.inOrder()) {
            ObjectNode c = columns.addObject();
            c.put("key", column.key());
            c.put("label", column.label());
            c.set("controls", controlIds(column.controls(framework)));
        }
        ArrayNode accesses = root.putArray("accesses");
        for (AccessRow row : report.accesses()) {
            ObjectNode r = accesses.addObject();
            for (Column column : Column.inOrder()) {
                r.set(column.key(), value(column.valueOf(row)));
            }
        }
        ArrayNode exceptions = root.putArray("exceptions");
        for (ReportException exception : report.exceptions()) {
            ObjectNode e = exceptions.addObject();
            e.put("kind", exception.kind().name());
            e.put("title", exception.kind().title());
            e.put("requestId", exception.requestId());
            e.put("grantId", exception.grantId());
            putInstant(e, "at", exception.at());
            e.put("detail", exception.detail());
            e.put("ledgerIndex", exception.ledgerIndex());
            e.set("controls", controlIds(exception.kind().controls(framework)));
        }
        ArrayNode legend = root.putArray("controls");
        for (Map.Entry<Control, Legend.Use> entry : Legend.of(framework).entrySet()) {
            ObjectNode c = legend.addObject();
            c.put("id", entry.getKey().id());
            c.put("title", entry.getKey().title());
            ArrayNode cols = c.putArray("columns");
            entry.getValue().columns().forEach(column -> cols.add(column.key()));
            ArrayNode kinds = c.putArray("exceptions");
            entry.getValue().exceptions().forEach(kind -> kinds.add(kind.name()));
            c.put("basis", entry.getValue().basis());
        }
        return root;
    }

    static ObjectNode basis(Report report) {
        ReportBasis basis = report.basis();
        ObjectNode node = JSON.objectNode();
        node.put("size", basis.size());
        node.put("chainHead", basis.chainHead());
        node.put("merkleRoot", basis.merkleRoot());
        node.put("source", basis.source());
        node.put("checkpointKeyId", basis.checkpointKeyId());
        putInstant(node, "checkpointTimestamp", basis.checkpointTimestamp());
        putInstant(node, "asOf", report.asOf());
        node.set("controls", controlIds(report.framework() == null ? List.of()
                : ReportBasis.CONTROLS.stream().filter(c -> c.framework() == report.framework()).toList()));
        return node;
    }

    private static ArrayNode controlIds(List<Control> controls) {
        ArrayNode ids = JSON.arrayNode();
        controls.forEach(control -> ids.add(control.id()));
        return ids;
    }

    private static void putInstant(ObjectNode node, String name, Instant instant) {
        node.put(name, instant == null ? null : instant.toString());
    }

    static JsonNode value(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        }
        if (value instanceof Long number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Integer number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Instant || value instanceof Duration || value instanceof String) {
            return JSON.textNode(value.toString());
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass());
    }
}
