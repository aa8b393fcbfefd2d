package io.eer.request.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.eer.support.api.InputRules;
import io.eer.support.problem.InputRuleException;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Strict JSON bodies: the content type must be application/json, the text one well-formed JSON object without
 * duplicate keys, and every field one the endpoint knows (a misspelt {@code "incdent"} must not silently drop the
 * reference). Each failure is a problem naming the field and the rule; nothing has been changed.
 */
final class JsonBodies {

    private static final ObjectMapper STRICT = InputRules.apply(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build());

    private JsonBodies() {
    }

    /** The body as text; 400 naming {@code body} (rule {@code utf-8}) when it is not well-formed UTF-8. */
    static String utf8(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("body", "utf-8", "the body is not well-formed UTF-8");
        }
    }

    /** 415 unless {@code contentType} is application/json (any charset parameter). */
    static void requireJson(String contentType) {
        requireMediaType(contentType, "application/json", List.of(MediaType.APPLICATION_JSON_TYPE));
    }

    static void requireMediaType(String contentType, String wanted, List<MediaType> accepted) {
        MediaType type = null;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        MediaType given = type;
        if (given == null || accepted.stream().noneMatch(a -> a.getType().equalsIgnoreCase(given.getType())
                && a.getSubtype().equalsIgnoreCase(given.getSubtype()))) {
            throw new ProblemException(Problem.invalid(415, "Unsupported Media Type", List.of(new Problem.Violation(
                    "Content-Type", "media-type", "send the body as " + wanted + ", not "
                            + (contentType == null ? "without a Content-Type" : contentType)))));
        }
    }

    /** The body as a JSON object tree; 400 naming {@code body} when it is missing or not well-formed. */
    static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "required", "send the request as a JSON object");
        }
        try {
            JsonNode tree = STRICT.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw ProblemException.badRequest("body", "json-object", "the body must be one JSON object");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw ProblemException.badRequest("body", "input-limits", InputRules.LIMITS);
        } catch (JsonProcessingException e) {
            String rule = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "duplicate-field" : "json-syntax";
            throw ProblemException.badRequest("body", rule, "the body is not well-formed JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** Binds the tree to {@code type}; 400 naming the field for unknown fields, wrong types and bad enum values. */
    static <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return STRICT.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().stream()
                            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                            .collect(Collectors.joining(".")).replace(".[", "[")
                    : "body";
            if (e instanceof InputRuleException input) {
                throw ProblemException.badRequest(field, input.rule(), input.getOriginalMessage());
            }
            if (e instanceof UnrecognizedPropertyException unknown) {
                throw ProblemException.badRequest(field, "unknown-field", "unknown field; expected one of "
                        + unknown.getKnownPropertyIds());
            }
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
                throw ProblemException.badRequest(field, "invalid-value", InputRules.quoted(invalid.getValue())
                        + " must be one of " + List.of(invalid.getTargetType().getEnumConstants()));
            }
            throw ProblemException.badRequest(field, "type", "has the wrong type or shape");
        }
    }

    static ObjectMapper mapper() {
        return STRICT;
    }
}
