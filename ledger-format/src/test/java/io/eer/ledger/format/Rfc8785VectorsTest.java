package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.eer.contracts.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 8785 (JSON Canonicalization Scheme) examples, run against the ledger's one implementation
 * ({@link CanonicalJson} in event-contracts, which encodes every event) and, as a second opinion, against the RFC
 * author's library {@code io.github.erdtman:java-json-canonicalization:1.1}. Sources: RFC 8785 section 3.2.2 (the
 * example object), 3.2.3 (sorting by UTF-16 code units) and Appendix B (number serialisation samples).
 */
class Rfc8785VectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 8785 Appendix B: IEEE 754 bit pattern, then the ECMAScript string JCS must write. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void numbers_areWrittenAsAppendixBSays(String ieee, String expected) throws Exception {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee, 16));
        assertThat(CanonicalJson.writeString(DoubleNode.valueOf(value))).isEqualTo(expected);
        assertThat(NumberToJSON.serializeNumber(value)).as("the RFC author's library").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} has no JCS form")
    @CsvSource({"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
    void nanAndInfinity_areRefused(String ieee) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee, 16));
        assertThatThrownBy(() -> CanonicalJson.writeString(DoubleNode.valueOf(value)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 8785 section 3.2.3: members sorted by their UTF-16 code units, not by code point or UTF-8 bytes. */
    @Test
    void keys_areSortedByUtf16CodeUnits() throws Exception {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(CanonicalJson.writeString(JSON.readTree(input))).isEqualTo(expected);
        assertThat(new JsonCanonicalizer(input).getEncodedString()).isEqualTo(expected);
    }

    /** RFC 8785 section 3.2.2's example object and its canonical form (also as the UTF-8 bytes of section 3.2.4). */
    @Test
    void exampleObject_isCanonicalisedAsSection322Shows() throws Exception {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertThat(CanonicalJson.writeString(JSON.readTree(input))).isEqualTo(expected);
        assertThat(CanonicalJson.write(JSON.readTree(input))).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(new JsonCanonicalizer(input).getEncodedString()).isEqualTo(expected);
    }

    /** Section 3.2.2.2: only '"', '\\' and C0 controls are escaped, with the short forms where JSON has them. */
    @Test
    void strings_escapeOnlyWhatTheRfcEscapes() throws Exception {
        String input = "[\"\\u0000\\u0008\\u0009\\u000a\\u000c\\u000d\\u001f\\u007f\\u00e9/\"]";
        String expected = "[\"\\u0000\\b\\t\\n\\f\\r\\u001f\u007f\u00e9/\"]";
        assertThat(CanonicalJson.writeString(JSON.readTree(input))).isEqualTo(expected);
        assertThat(new JsonCanonicalizer(input).getEncodedString()).isEqualTo(expected);
    }
}
