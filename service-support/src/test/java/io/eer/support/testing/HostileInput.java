package io.eer.support.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The hostile-input corpus and the one way every service's tests run it against an endpoint, with a valid token:
 * every answer must be a 4xx {@code application/problem+json} (never a 5xx, never a plain page), the cases that
 * must be refused are refused with 400 naming the field or parameter, and the service's state (as the
 * {@link #probe} sees it) is unchanged afterwards.
 *
 * <pre>
 * HostileInput.as(token).probe(() -> countRequests())
 *     .body("POST", "/v1/requests", validBodyJson)     // each string field x each hostile text, plus broken bodies
 *     .query("GET", "/v1/approvals", "status", "limit") // each parameter x each hostile value
 *     .path("GET", "/v1/requests/{id}")                 // the path parameter x each hostile value
 *     .verify();                                        // all failures at once, then the probe
 * </pre>
 */
public final class HostileInput {

    /** A hostile JSON string (as raw JSON text) and the rule the shared input rules name for it. */
    public record Text(String name, String json, String rule) {
    }

    /** Strings every text field must refuse with 400 naming the field. */
    public static final List<Text> TEXTS = List.of(
            new Text("lone high surrogate", "\"a\\ud800b\"", "unicode"),
            new Text("lone low surrogate", "\"\\udc00x\"", "unicode"),
            new Text("reversed surrogate pair", "\"\\udc00\\ud800\"", "unicode"),
            new Text("NUL", "\"a\\u0000b\"", "no-control-characters"),
            new Text("BEL", "\"ring\\u0007\"", "no-control-characters"),
            new Text("ANSI escape", "\"\\u001b[2J\"", "no-control-characters"),
            new Text("DEL", "\"x\\u007f\"", "no-control-characters"),
            new Text("C1 next line", "\"x\\u0085y\"", "no-control-characters"),
            new Text("70k characters", "\"" + "x".repeat(70_000) + "\"", null));

    /** Whole bodies that must be refused with a 4xx problem (400, or 413 for the oversized one). */
    public static final Map<String, byte[]> BODIES = Map.ofEntries(
            Map.entry("nesting 100 deep", ("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}").getBytes(StandardCharsets.UTF_8)),
            Map.entry("nesting 5000 deep", ("{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001)).getBytes(StandardCharsets.UTF_8)),
            Map.entry("raw invalid UTF-8", bytes("{\"a\":\"", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, "\"}")),
            Map.entry("raw UTF-8 encoded surrogate", bytes("{\"a\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}")),
            Map.entry("raw NUL inside a string", bytes("{\"a\":\"", new byte[] {0}, "\"}")),
            Map.entry("number of 1000 digits", ("{\"a\":" + "9".repeat(1000) + "}").getBytes(StandardCharsets.UTF_8)),
            Map.entry("exponent 1e999999", "{\"a\":1e999999}".getBytes(StandardCharsets.UTF_8)),
            Map.entry("5000-item array", ("{\"a\":[" + "1,".repeat(4999) + "1]}").getBytes(StandardCharsets.UTF_8)),
            Map.entry("member name of 1000 characters", ("{\"" + "n".repeat(1000) + "\":1}").getBytes(StandardCharsets.UTF_8)),
            Map.entry("not JSON", "<xml/>".getBytes(StandardCharsets.UTF_8)),
            Map.entry("top-level array", "[]".getBytes(StandardCharsets.UTF_8)),
            Map.entry("truncated", "{\"a\":".getBytes(StandardCharsets.UTF_8)),
            Map.entry("1 MiB body", ("{\"a\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));

    /** Query and path values that must be refused with 400 naming the parameter (raw, already percent-encoded). */
    public static final List<String> REFUSED_PARAMETERS = List.of(
            "a%00b", "%0A", "%1B%5B2J", "%7F", "%C2%85", "%ED%A0%80", "%FF%FE", "x".repeat(300));

    /** Odd but harmless-looking values: any answer but a 5xx; a refusal must be a problem. */
    public static final List<String> ODD_PARAMETERS = List.of(
            "-1", "0", "99999999999999999999999999", "1e309", "NaN", "%2B999999999-12-31T23:59:59Z", "9999-99-99",
            "P99999999999999999D", "PT-1S", "%27%20OR%201%3D1--", "..%2F..%2Fetc%2Fpasswd", "%25", "");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private final String token;
    private Supplier<?> probe = () -> null;
    private Object before;
    private final List<String> failures = new ArrayList<>();
    private int requests;

    private HostileInput(String token) {
        this.token = token;
    }

    /** Runs the cases with {@code token} (valid, allowed to call the endpoints). */
    public static HostileInput as(String token) {
        return new HostileInput(token);
    }

    /** What must be the same after every case as before the first (e.g. a row count or a GET's body). */
    public HostileInput probe(Supplier<?> probe) {
        this.probe = probe;
        this.before = probe.get();
        return this;
    }

    /**
     * A JSON body endpoint: {@code validBody} with each of its string fields replaced by each {@link #TEXTS}
     * (400 naming that field), then each of {@link #BODIES} (a 4xx problem). {@code path} is literal.
     */
    public HostileInput body(String method, String path, String validBody) {
        JsonNode template;
        try {
            template = JSON.readTree(validBody);
        } catch (IOException e) {
            throw new IllegalArgumentException("the valid body is not JSON", e);
        }
        for (List<Object> field : stringFields(template, new ArrayList<>(), new ArrayList<>())) {
            String fieldName = leafName(field);
            for (Text text : TEXTS) {
                String body = replaced(template, field, text.json());
                Response response = send(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json");
                String label = method + " " + path + " field " + dotted(field) + " = " + text.name();
                if (expectProblem(label, response, 400) && fieldName != null) {
                    List<String> named = response.jsonPath().getList("violations.field");
                    if (named == null || named.stream().noneMatch(f -> f != null && (f.contains(fieldName) || f.equals("body")))) {
                        failures.add(label + ": the problem names " + named + ", not " + fieldName);
                    } else if (text.rule() != null && named.stream().noneMatch(f -> f.equals("body"))) {
                        List<String> rules = response.jsonPath().getList("violations.rule");
                        // a field with a fixed set of values (an enum) refuses any text outside it as invalid-value
                        if (!rules.contains(text.rule()) && !rules.contains("invalid-value") && !rules.contains("one-of")) {
                            failures.add(label + ": rule " + rules + ", expected " + text.rule());
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, byte[]> body : BODIES.entrySet()) {
            Response response = send(method, path, body.getValue(), "application/json");
            expectProblem(method + " " + path + " body " + body.getKey(), response, -1);
        }
        return this;
    }

    /** Each of {@code parameters} alone, with each hostile and odd value; the other parameters absent. */
    public HostileInput query(String method, String path, String... parameters) {
        refusedQuery(method, path, parameters);
        for (String parameter : parameters) {
            for (String value : ODD_PARAMETERS) {
                Response response = send(method, path + "?" + parameter + "=" + value, null, null);
                expectNoServerError(method + " " + path + " ?" + parameter + "=" + value, response);
            }
        }
        return this;
    }

    /** Only the values that must be refused (for a streaming endpoint, where an accepted value opens a stream). */
    public HostileInput refusedQuery(String method, String path, String... parameters) {
        for (String parameter : parameters) {
            for (String value : REFUSED_PARAMETERS) {
                Response response = send(method, path + "?" + parameter + "=" + value, null, null);
                String label = method + " " + path + " ?" + parameter + "=" + abbreviated(value);
                if (expectProblem(label, response, 400)) {
                    List<String> named = response.jsonPath().getList("violations.field");
                    if (named == null || !named.contains(parameter)) {
                        failures.add(label + ": the problem names " + named + ", not " + parameter);
                    }
                }
            }
        }
        return this;
    }

    /** {@code template} has one {@code {name}} path parameter: each refused value must be a 400, each odd no 5xx. */
    public HostileInput path(String method, String template) {
        int open = template.indexOf('{');
        int close = template.indexOf('}', open);
        String name = template.substring(open + 1, close);
        for (String value : REFUSED_PARAMETERS) {
            String path = template.substring(0, open) + value + template.substring(close + 1);
            Response response = sendEmpty(method, path);
            String label = method + " " + template + " {" + name + "}=" + abbreviated(value);
            if (expectProblem(label, response, 400)) {
                List<String> named = response.jsonPath().getList("violations.field");
                if (named == null || !named.contains(name)) {
                    failures.add(label + ": the problem names " + named + ", not " + name);
                }
            }
        }
        for (String value : ODD_PARAMETERS) {
            if (value.isEmpty() || value.equals("%20")) {
                continue; // an empty segment is another route
            }
            String path = template.substring(0, open) + value + template.substring(close + 1);
            Response response = sendEmpty(method, path);
            // an odd but clean value may name nothing (404) or an empty result (200, e.g. nobody elevated on it)
            expectNoServerError(method + " " + template + " {" + name + "}=" + value, response);
        }
        return this;
    }

    /** Fails with every broken case at once, then if the probe saw a change. */
    public void verify() {
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + requests + " hostile requests were mishandled:\n  "
                    + String.join("\n  ", failures));
        }
        Object after = probe.get();
        if (!Objects.equals(before, after)) {
            throw new AssertionError("hostile input changed the state: before " + before + ", after " + after);
        }
    }

    public int requests() {
        return requests;
    }

    /**
     * A probe for {@link #probe}: how many events (event log and outbox rows) of service database {@code database}
     * mention {@code actor} (use a caller of its own for the hostile test, so that other tests' background work
     * does not move the count).
     */
    public static Supplier<Long> eventsMentioning(String database, String actor) {
        return () -> {
            String url = "jdbc:postgresql://" + env("EER_DB_URL_HOST", "127.0.0.1") + ":" + env("EER_DB_PORT", "35432")
                    + "/" + database;
            try (Connection connection = DriverManager.getConnection(url, env("EER_DB_USER", "eer"),
                    env("EER_DB_PASSWORD", "eer"));
                    PreparedStatement query = connection.prepareStatement("select (select count(*) from domain_event "
                            + "where payload like ?) + (select count(*) from outbox where payload like ?)")) {
                String pattern = "%\"" + actor + "\"%";
                query.setString(1, pattern);
                query.setString(2, pattern);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count events in " + database, e);
            }
        };
    }

    /**
     * Whole bodies sent as {@code contentType} (for an endpoint that does not take JSON, e.g. a YAML document):
     * each of {@link #BODIES} must get a 4xx problem.
     */
    public HostileInput raw(String method, String path, String contentType) {
        for (Map.Entry<String, byte[]> body : BODIES.entrySet()) {
            Response response = send(method, path, body.getValue(), contentType);
            expectProblem(method + " " + path + " " + contentType + " body " + body.getKey(), response, -1);
        }
        return this;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    // -----------------------------------------------------------------------------------------------------------

    /** A write gets an empty JSON object, so that its path parameter, not a missing body, decides the answer. */
    private Response sendEmpty(String method, String path) {
        boolean write = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        return write ? send(method, path, "{}".getBytes(StandardCharsets.UTF_8), "application/json")
                : send(method, path, null, null);
    }

    private Response send(String method, String path, byte[] body, String contentType) {
        requests++;
        RequestSpecification request = given().config(RAW).urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request = request.contentType(contentType).body(body);
        }
        return request.request(method, path);
    }

    /** A 4xx problem+json ({@code status} exactly when not -1); records a failure and answers false otherwise. */
    private boolean expectProblem(String label, Response response, int status) {
        int actual = response.statusCode();
        String type = String.valueOf(response.contentType());
        if (actual < 400 || actual >= 500 || (status != -1 && actual != status)) {
            failures.add(label + ": status " + actual + " (expected " + (status == -1 ? "4xx" : status) + ") "
                    + abbreviated(response.asString()));
            return false;
        }
        if (!type.startsWith("application/problem+json")) {
            failures.add(label + ": " + actual + " as " + type + ", not application/problem+json");
            return false;
        }
        return true;
    }

    private void expectNoServerError(String label, Response response) {
        int actual = response.statusCode();
        if (actual >= 500) {
            failures.add(label + ": status " + actual + " " + abbreviated(response.asString()));
        } else if (actual >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            failures.add(label + ": " + actual + " as " + response.contentType() + ", not application/problem+json");
        }
    }

    private static List<List<Object>> stringFields(JsonNode node, List<Object> at, List<List<Object>> found) {
        if (node.isTextual()) {
            found.add(List.copyOf(at));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                at.add(member.getKey());
                stringFields(member.getValue(), at, found);
                at.remove(at.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add(i);
                stringFields(node.get(i), at, found);
                at.remove(at.size() - 1);
            }
        }
        return found;
    }

    private static String replaced(JsonNode template, List<Object> field, String rawJson) {
        JsonNode copy = template.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < field.size() - 1; i++) {
            Object step = field.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        String marker = "@@hostile-" + System.nanoTime() + "@@";
        Object last = field.get(field.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, TextNode.valueOf(marker));
        } else {
            ((ObjectNode) parent).put((String) last, marker);
        }
        return copy.toString().replace("\"" + marker + "\"", rawJson);
    }

    private static String leafName(List<Object> field) {
        Object last = field.get(field.size() - 1);
        return last instanceof String name ? name : null;
    }

    private static String dotted(List<Object> field) {
        StringBuilder text = new StringBuilder();
        for (Object step : field) {
            text.append(step instanceof Integer index ? "[" + index + "]" : (text.length() == 0 ? "" : ".") + step);
        }
        return text.toString();
    }

    private static String abbreviated(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
