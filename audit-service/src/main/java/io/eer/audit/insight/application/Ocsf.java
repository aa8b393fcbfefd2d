package io.eer.audit.insight.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.ledger.format.EventKind;
import io.eer.ledger.format.LedgerFact;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one ledger export line to an OCSF 1.9 record for SIEMs. Grants and revocations/expiries are Identity &amp;
 * Access Management / User Management (3007, Assign Privileges 14 / Remove Privileges 15; OCSF 1.9.0 added the class
 * and deprecated User Access Management 3005 in its favour); session actions are Application
 * Activity / API Activity (6003); alerts are Findings / Detection Finding (2004); requests, approvals, reviews and
 * any other type are OCSF Base Events (0, activity Other) carrying the EER event. Every record keeps the ledger
 * position ({@code metadata.sequence}, {@code metadata.uid} = CloudEvent id) and the whole CloudEvent under
 * {@code unmapped.eer}, so nothing is lost in the mapping.
 */
public final class Ocsf {

    public static final String VERSION = "1.9.0";
    static final int USER_MANAGEMENT = 3007;
    static final int ASSIGN_PRIVILEGES = 14;
    static final int REMOVE_PRIVILEGES = 15;
    static final int API_ACTIVITY = 6003;
    static final int DETECTION_FINDING = 2004;
    static final int BASE_EVENT = 0;
    private static final Map<String, Integer> API_ACTIVITIES = Map.ofEntries(
            Map.entry("CREATE", 1), Map.entry("INSERT", 1), Map.entry("POST", 1), Map.entry("PUT", 1),
            Map.entry("READ", 2), Map.entry("SELECT", 2), Map.entry("GET", 2), Map.entry("SHOW", 2),
            Map.entry("UPDATE", 3), Map.entry("ALTER", 3), Map.entry("PATCH", 3), Map.entry("GRANT", 3),
            Map.entry("DELETE", 4), Map.entry("DROP", 4), Map.entry("TRUNCATE", 4), Map.entry("REVOKE", 4));

    /** The beneficiary, system and role of a grant, for lines that name only the grant id. */
    public record GrantInfo(String beneficiary, String system, String role) {
    }

    private Ocsf() {
    }

    /** {@code grant}: the grant the line concerns (from the projections), or null when unknown or not a grant event. */
    public static ObjectNode map(JsonNode line, GrantInfo grant) {
        JsonNode event = line.path("event");
        String type = event.path("type").asText();
        JsonNode data = event.path("data");
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        switch (EventKind.of(type)) {
            case ACCESS_GRANTED -> {
                classOf(record, 3, "Identity & Access Management", USER_MANAGEMENT, "User Management",
                        ASSIGN_PRIVILEGES, "Assign Privileges");
                privileges(record, text(data, "beneficiary"), text(data, "system"), text(data, "role"));
                record.put("message", "granted %s on %s to %s until %s".formatted(text(data, "role"),
                        text(data, "system"), text(data, "beneficiary"), text(data, "expiresAt")));
                record.putObject("actor").put("app_name", "eer grant-service (" + text(data, "connector") + ")");
            }
            case ACCESS_REVOKED, ACCESS_EXPIRED -> {
                classOf(record, 3, "Identity & Access Management", USER_MANAGEMENT, "User Management",
                        REMOVE_PRIVILEGES, "Remove Privileges");
                String system = text(data, "system") != null ? text(data, "system")
                        : grant == null ? null : grant.system();
                privileges(record, grant == null ? null : grant.beneficiary(), system,
                        grant == null ? null : grant.role());
                record.put("message", type.equals(LedgerFact.ACCESS_REVOKED)
                        ? "revoked grant %s (%s, confirmed %s)".formatted(text(data, "grantId"), text(data, "reason"),
                                data.path("confirmed").asText())
                        : "grant %s reached its deadline %s".formatted(text(data, "grantId"), text(data, "deadline")));
                if (type.equals(LedgerFact.ACCESS_REVOKED) && !data.path("confirmed").asBoolean(true)) {
                    status(record, 2, "Failure");
                }
            }
            case SESSION_ACTION_LOGGED -> {
                String action = text(data, "action");
                int activity = action == null ? 0
                        : API_ACTIVITIES.getOrDefault(action.trim().split("\\s+")[0].toUpperCase(Locale.ROOT), 99);
                classOf(record, 6, "Application Activity", API_ACTIVITY, "API Activity", activity,
                        switch (activity) {
                            case 1 -> "Create";
                            case 2 -> "Read";
                            case 3 -> "Update";
                            case 4 -> "Delete";
                            case 0 -> "Unknown";
                            default -> "Other";
                        });
                ObjectNode actor = record.putObject("actor");
                if (grant != null) {
                    actor.putObject("user").put("uid", grant.beneficiary()).put("name", grant.beneficiary());
                }
                actor.putObject("session").put("uid", text(data, "sessionId"));
                actor.put("app_name", text(data, "source"));
                ObjectNode api = record.putObject("api");
                api.put("operation", action);
                if (grant != null) {
                    api.putObject("service").put("name", grant.system());
                }
                ObjectNode resource = record.putArray("resources").addObject();
                resource.put("name", text(data, "object"));
                resource.put("type", "object");
                record.putObject("src_endpoint").put("svc_name", text(data, "source"));
                record.put("message", "%s %s (session %s, grant %s)".formatted(action, text(data, "object"),
                        text(data, "sessionId"), text(data, "grantId")));
                Instant at = instant(data.path("at"));
                if (at != null) {
                    record.put("time", at.toEpochMilli());
                }
            }
            case ALERT_RAISED -> {
                classOf(record, 2, "Findings", DETECTION_FINDING, "Detection Finding", 1, "Create");
                ObjectNode finding = record.putObject("finding_info");
                finding.put("uid", text(data, "alertId"));
                finding.put("title", text(data, "rule"));
                finding.put("desc", text(data, "detail"));
                finding.putArray("types").add(text(data, "rule"));
                String severity = text(data, "severity");
                if ("CRITICAL".equals(severity)) {
                    severity(record, 5, "Critical");
                } else if ("WARNING".equals(severity)) {
                    severity(record, 3, "Medium");
                }
                record.put("message", text(data, "detail"));
            }
            default -> {
                // requests, approvals, reviews, refused attempts and unknown types: domain records
                classOf(record, 0, "Uncategorized", BASE_EVENT, "Base Event", 99, shortType(type));
                String actor = firstText(data.path("requester").path("id"), data.path("approver"),
                        data.path("reviewer"), data.path("by"), data.path("actor").path("id"));
                if (actor != null) {
                    record.putObject("actor").putObject("user").put("uid", actor).put("name", actor);
                }
                if (type.equals(LedgerFact.REQUEST_REJECTED) || type.equals(LedgerFact.DENIED)
                        || type.equals(LedgerFact.GRANT_FAILED) || type.equals(LedgerFact.ATTEMPT_REFUSED)
                        || type.equals(LedgerFact.APPROVAL_TIMED_OUT)) {
                    status(record, 2, "Failure");
                }
                record.put("message", shortType(type) + " (request " + event.path("subject").asText() + ")");
            }
        }
        if (!record.has("time")) {
            Instant time = instant(event.path("time"));
            record.put("time", time == null ? 0 : time.toEpochMilli());
        }
        if (!record.has("severity_id")) {
            severity(record, 1, "Informational");
        }
        if (!record.has("status_id")) {
            status(record, 1, "Success");
        }
        metadata(record, line, event);
        ObjectNode eer = record.putObject("unmapped").putObject("eer");
        eer.put("ledger_index", line.path("index").asLong());
        eer.put("recorded_at", line.path("recordedAt").asText());
        eer.put("leaf", line.path("leaf").asText());
        eer.put("chain", line.path("chain").asText());
        eer.set("event", event);
        return record;
    }

    private static void classOf(ObjectNode record, int category, String categoryName, int classUid, String className,
            int activity, String activityName) {
        record.put("category_uid", category);
        record.put("category_name", categoryName);
        record.put("class_uid", classUid);
        record.put("class_name", className);
        record.put("activity_id", activity);
        record.put("activity_name", activityName);
        record.put("type_uid", (long) classUid * 100 + activity);
        record.put("type_name", className + ": " + activityName);
    }

    /** User Management's {@code user} (required), {@code privileges} and the {@code resources} they give access to. */
    private static void privileges(ObjectNode record, String user, String system, String role) {
        if (user != null) {
            record.putObject("user").put("uid", user).put("name", user);
        }
        if (role != null) {
            record.putArray("privileges").add(role);
        }
        if (system != null) {
            ObjectNode resource = record.putArray("resources").addObject();
            resource.put("uid", system);
            resource.put("name", system);
            resource.put("type", "system");
        }
    }

    private static void metadata(ObjectNode record, JsonNode line, JsonNode event) {
        ObjectNode metadata = record.putObject("metadata");
        metadata.put("version", VERSION);
        ObjectNode product = metadata.putObject("product");
        product.put("name", "EER");
        product.put("vendor_name", "EER");
        product.putObject("feature").put("name", "audit-service ledger");
        metadata.put("uid", event.path("id").asText());
        metadata.put("correlation_uid", event.path("subject").asText());
        metadata.put("sequence", line.path("index").asLong());
        metadata.put("log_name", line.path("topic").asText());
        metadata.put("log_provider", event.path("source").asText());
        metadata.put("event_code", event.path("type").asText());
        metadata.put("original_time", event.path("time").asText());
        Instant recorded = instant(line.path("recordedAt"));
        if (recorded != null) {
            metadata.put("processed_time", recorded.toEpochMilli());
        }
    }

    private static void severity(ObjectNode record, int id, String name) {
        record.put("severity_id", id);
        record.put("severity", name);
    }

    private static void status(ObjectNode record, int id, String name) {
        record.put("status_id", id);
        record.put("status", name);
    }

    static String shortType(String type) {
        String name = type.startsWith(LedgerFact.PREFIX) ? type.substring(LedgerFact.PREFIX.length()) : type;
        int version = name.lastIndexOf(".v");
        return version > 0 ? name.substring(0, version) : name;
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.path(field);
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isTextual()) {
                return node.asText();
            }
        }
        return null;
    }

    private static Instant instant(JsonNode node) {
        return LedgerFact.instant(node);
    }
}
