package io.eer.request.infra.out.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eer.request.domain.PolicyError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One YAML document as a Jackson tree plus the line of every node and key by JSON pointer ({@code /rules/1/max}),
 * so that schema and semantic errors can name lines. Jackson's tree drops locations, so this reads the token
 * stream itself. Duplicate keys are errors (Jackson would keep the last one silently).
 */
record LocatedYaml(JsonNode root, Map<String, Integer> valueLines, Map<String, Integer> keyLines) {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    // keeps decimals exact (since Jackson 2.15): a version such as 1.10 keeps its text
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Thrown when the text is not one YAML document; carries the errors found (syntax, duplicate keys). */
    static final class SyntaxException extends Exception {
        final transient List<PolicyError> errors;

        SyntaxException(List<PolicyError> errors) {
            super(errors.toString());
            this.errors = List.copyOf(errors);
        }
    }

    /** The line of the key naming {@code pointer}, else of its value, else of the nearest ancestor's value. */
    int line(String pointer) {
        Integer key = keyLines.get(pointer);
        return key != null ? key : valueLine(pointer);
    }

    /** The line where the value at {@code pointer} (or, when absent, its nearest present ancestor) starts. */
    int valueLine(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = valueLines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    static LocatedYaml parse(String text) throws SyntaxException {
        LocatedYaml doc = new LocatedYaml(null, new HashMap<>(), new HashMap<>());
        List<PolicyError> errors = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new SyntaxException(List.of(new PolicyError(1, "", "the document is empty")));
            }
            JsonNode root = doc.read(parser, "", errors);
            if (parser.nextToken() != null) {
                errors.add(new PolicyError(line(parser.currentTokenLocation()), "", "only one YAML document is allowed"));
            }
            if (!errors.isEmpty()) {
                throw new SyntaxException(errors);
            }
            return new LocatedYaml(root, doc.valueLines, doc.keyLines);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage();
            int newline = message.indexOf('\n');
            throw new SyntaxException(List.of(new PolicyError(line(e.getLocation()), "",
                    "YAML syntax: " + (newline < 0 ? message : message.substring(0, newline)))));
        } catch (IOException e) {
            throw new SyntaxException(List.of(new PolicyError(0, "", "cannot read: " + e.getMessage())));
        }
    }

    private JsonNode read(JsonParser parser, String pointer, List<PolicyError> errors) throws IOException {
        JsonToken token = parser.currentToken();
        valueLines.put(pointer, line(parser.currentTokenLocation()));
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line(parser.currentTokenLocation());
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                Integer first = keyLines.get(child);
                parser.nextToken();
                JsonNode value = read(parser, child, errors);
                if (first != null) {
                    errors.add(new PolicyError(keyLine, PolicyReader.path(child), "duplicate key (first at line "
                            + first + ")"));
                } else {
                    keyLines.put(child, keyLine);
                    if (!value.isNull()) { // "key:" with no value counts as absent, as it always did
                        object.set(key, value);
                    }
                }
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read(parser, pointer + "/" + array.size(), errors));
            }
            return array;
        }
        return switch (token) {
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
