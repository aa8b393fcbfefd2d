package io.eer.request.infra.out.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eer.request.domain.PolicyError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every key and value, so that validation errors can name
 * them. Jackson's own tree drops locations; this reads the token stream itself. Duplicate keys are errors.
 */
public final class YamlTree {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private YamlTree() {
    }

    public sealed interface Node {
        int line();
    }

    public record Entry(String key, int line, Node value) {
    }

    public record MapNode(int line, Map<String, Entry> entries) implements Node {
    }

    public record ListNode(int line, List<Node> items) implements Node {
    }

    public enum ScalarKind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    public record Scalar(int line, String text, ScalarKind kind) implements Node {
    }

    /** Thrown when the text is not one YAML document; carries the errors found (syntax, duplicate keys). */
    public static final class SyntaxException extends Exception {
        private final List<PolicyError> errors;

        SyntaxException(List<PolicyError> errors) {
            super(errors.toString());
            this.errors = List.copyOf(errors);
        }

        public List<PolicyError> errors() {
            return errors;
        }
    }

    public static Node parse(String text) throws SyntaxException {
        List<PolicyError> errors = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SyntaxException(List.of(new PolicyError(1, "", "the document is empty")));
            }
            Node root = read(parser, "", errors);
            if (parser.nextToken() != null) {
                errors.add(new PolicyError(line(parser.currentTokenLocation()), "",
                        "only one YAML document is allowed"));
            }
            if (!errors.isEmpty()) {
                throw new SyntaxException(errors);
            }
            return root;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage();
            throw new SyntaxException(List.of(new PolicyError(line(e.getLocation()), "",
                    "YAML syntax: " + firstLine(message))));
        } catch (IOException e) {
            throw new SyntaxException(List.of(new PolicyError(0, "", "cannot read: " + e.getMessage())));
        }
    }

    private static Node read(JsonParser parser, String path, List<PolicyError> errors) throws IOException {
        JsonToken token = parser.currentToken();
        int line = line(parser.currentTokenLocation());
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line(parser.currentTokenLocation());
                parser.nextToken();
                String childPath = path.isEmpty() ? key : path + "." + key;
                Node value = read(parser, childPath, errors);
                if (entries.containsKey(key)) {
                    errors.add(new PolicyError(keyLine, childPath, "duplicate key (first at line "
                            + entries.get(key).line() + ")"));
                } else {
                    entries.put(key, new Entry(key, keyLine, value));
                }
            }
            return new MapNode(line, entries);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser, path + "[" + items.size() + "]", errors));
            }
            return new ListNode(line, items);
        }
        return switch (token) {
            case VALUE_STRING -> new Scalar(line, parser.getText(), ScalarKind.STRING);
            case VALUE_NUMBER_INT -> new Scalar(line, parser.getText(), ScalarKind.INTEGER);
            case VALUE_NUMBER_FLOAT -> new Scalar(line, parser.getText(), ScalarKind.DECIMAL);
            case VALUE_TRUE, VALUE_FALSE -> new Scalar(line, parser.getText(), ScalarKind.BOOLEAN);
            case VALUE_NULL -> new Scalar(line, null, ScalarKind.NULL);
            default -> new Scalar(line, parser.getText(), ScalarKind.STRING);
        };
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
