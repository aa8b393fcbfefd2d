package io.eer.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates events against the schema resources, with format assertions on (uuid, date-time, duration). */
final class SchemaSupport {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private SchemaSupport() {
    }

    static JsonNode schemaNode(String type) {
        try {
            return EventCodec.mapper().readTree(EventSchemas.read(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonSchema schema(String type) {
        return CACHE.computeIfAbsent(type, t -> FACTORY.getSchema(schemaNode(t), CONFIG));
    }

    /** The validation errors of {@code event} against the schema of {@code type}; empty when valid. */
    static List<String> errors(String type, JsonNode event) {
        return schema(type).validate(event).stream().map(ValidationMessage::toString).sorted().toList();
    }

    static List<String> errors(String type, byte[] event) {
        return errors(type, EventCodec.readTree(event));
    }
}
