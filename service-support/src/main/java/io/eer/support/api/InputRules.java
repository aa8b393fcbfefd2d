package io.eer.support.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.eer.support.problem.InputRuleException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Collection;

/**
 * The input rules every JSON body of every service is read under (the Quarkus ObjectMapper gets them through
 * {@link InputRulesCustomizer}; a service with its own mapper calls {@link #apply}):
 * <ul>
 * <li>nesting depth at most {@value #MAX_NESTING_DEPTH}, a string at most {@value #MAX_STRING_LENGTH} characters,
 * a number at most {@value #MAX_NUMBER_LENGTH} digits, a member name at most {@value #MAX_NAME_LENGTH}
 * (Jackson {@link StreamReadConstraints}; answered 400 field {@code body} rule {@code input-limits});</li>
 * <li>an array at most {@value #MAX_ITEMS} items (rule {@code max-items});</li>
 * <li>every string well-formed Unicode (no lone surrogate; rule {@code unicode}) and free of control characters
 * (C0, DEL, C1) except tab, line feed and carriage return (rule {@code no-control-characters}). Fields that are
 * not free text refuse those three as well, in their own validation.</li>
 * </ul>
 */
public final class InputRules {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 65_536;
    public static final int MAX_NUMBER_LENGTH = 40;
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_ITEMS = 1000;

    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build();

    /** What a body that breaks the stream limits is told. */
    public static final String LIMITS = "the body exceeds the input limits: nesting depth " + MAX_NESTING_DEPTH
            + ", strings " + MAX_STRING_LENGTH + " characters, numbers " + MAX_NUMBER_LENGTH + " digits, names "
            + MAX_NAME_LENGTH + " characters";

    private InputRules() {
    }

    /** Puts the limits and the checked string and array deserializers on {@code mapper}. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(CONSTRAINTS);
        mapper.registerModule(module());
        return mapper;
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("eer-input-rules");
        module.addDeserializer(String.class, new CheckedString());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new CountedItems(deserializer);
            }

            @Override
            public JsonDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new CountedItems(deserializer);
            }
        });
        return module;
    }

    /** The first rule {@code text} breaks ({@code unicode} or {@code no-control-characters}), or null. */
    public static String violatedRule(String text, boolean allowLineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "unicode";
            }
            if (Character.isLowSurrogate(c)) {
                return "unicode";
            }
            if (isControl(c) && !(allowLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                return "no-control-characters";
            }
        }
        return null;
    }

    /** {@code 'value'} for an answer, or "the value" when echoing it would hand hostile text back. */
    public static String quoted(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 64 && violatedRule(text, false) == null ? "'" + text + "'" : "the value";
    }

    public static String message(String rule) {
        return "unicode".equals(rule) ? "must be well-formed Unicode (no lone surrogate)"
                : "must not contain control characters";
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    /** Jackson's own string deserializer, then the text rules. */
    static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String rule = value == null ? null : violatedRule(value, true);
            if (rule != null) {
                throw new InputRuleException(parser, rule, message(rule));
            }
            return value;
        }
    }

    /** A collection or array deserializer that refuses more than {@value #MAX_ITEMS} items. */
    static final class CountedItems extends DelegatingDeserializer {

        CountedItems(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new CountedItems(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            int size = value instanceof Collection<?> items ? items.size()
                    : value != null && value.getClass().isArray() ? Array.getLength(value) : 0;
            if (size > MAX_ITEMS) {
                throw new InputRuleException(parser, "max-items", "must have at most " + MAX_ITEMS + " items");
            }
            return value;
        }
    }
}
