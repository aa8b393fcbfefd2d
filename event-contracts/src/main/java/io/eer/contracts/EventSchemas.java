package io.eer.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Where the JSON Schema (draft 2020-12) of each event type lives on the classpath. A schema describes the whole
 * CloudEvent, envelope and {@code data}, exactly as {@link EventCodec#encode} writes it.
 */
public final class EventSchemas {

    /** Classpath folder of the schemas, one {@code <EventName>.v1.json} per type. */
    public static final String FOLDER = "schemas/";

    /** JSON Schema dialect of every EER event schema. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private EventSchemas() {
    }

    /**
     * The classpath resource path (no leading slash, for {@link ClassLoader#getResource}) of the schema for
     * {@code type}, e.g. {@code schemas/Approved.v1.json} for {@code io.eer.Approved.v1}.
     *
     * @throws IllegalArgumentException if {@code type} is not an EER event type
     */
    public static String resourceFor(String type) {
        if (EventTypes.classOf(type).isEmpty()) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return FOLDER + type.substring("io.eer.".length()) + ".json";
    }

    /** The schema of {@code type} as bytes. */
    public static byte[] read(String type) {
        String resource = resourceFor(type);
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
