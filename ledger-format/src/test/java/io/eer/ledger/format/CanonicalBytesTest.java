package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eer.contracts.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CanonicalBytes} writes exactly {@link CanonicalJson#write}'s bytes, and refuses what it refuses. */
class CanonicalBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CanonicalBytes canonical = new CanonicalBytes();

    private void assertSame(JsonNode node) {
        assertThat(canonical.write(node).toByteArray()).as("%s", node).isEqualTo(CanonicalJson.write(node));
    }

    @Test
    void rfc8785Example_andSortingByUtf16CodeUnits() throws Exception {
        // RFC 8785 3.2.2 (the example object) and 3.2.3 (keys sorted by UTF-16 code units, not code points)
        assertSame(JSON.readTree("{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"
                + "\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\"literals\":[null,true,false]}"));
        assertSame(JSON.readTree("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter "
                + "Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}"));
    }

    @Test
    void everyCharacterClass_andEveryKindOfNumber() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("€\uffff end"); // three-byte forms
        ObjectNode node = NODES.objectNode();
        node.put("chars", all.toString());
        node.put(all.toString(), "the same as a key");
        node.put("pair", "G clef \ud834\udd1e (four bytes)");
        ArrayNode numbers = node.putArray("numbers");
        numbers.add(0).add(-1).add(1L << 53).add(-(1L << 53)).add((1L << 53) + 1).add(Long.MIN_VALUE).add(Long.MAX_VALUE)
                .add(new BigInteger("123456789012345678901234567890")).add(1.5).add(-0.0).add(1e21).add(1e-7)
                .add(new BigDecimal("4.50")).add(333333333.33333329).add(5e-324);
        node.putArray("literals").add(true).add(false).addNull();
        node.putObject("empty");
        node.putArray("none");
        assertSame(node);
    }

    @Test
    void randomDocuments_andTheBufferReusedBetweenThem() {
        Random random = new Random(8785);
        for (int i = 0; i < 2000; i++) {
            assertSame(randomNode(random, 0));
        }
    }

    @Test
    void aLoneSurrogate_isRefusedWithCanonicalJsonsMessage() {
        TextNode lone = TextNode.valueOf("ok \ud800 then");
        String expected = null;
        try {
            CanonicalJson.write(lone);
        } catch (IllegalArgumentException e) {
            expected = e.getMessage();
        }
        assertThat(expected).isNotNull();
        assertThatThrownBy(() -> canonical.write(NODES.objectNode().set("k", lone)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThatThrownBy(() -> canonical.write(NODES.numberNode(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode randomNode(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> TextNode.valueOf(randomString(random));
            case 1 -> NODES.numberNode(random.nextBoolean() ? random.nextLong() >> random.nextInt(64)
                    : random.nextInt(1000) - 500);
            case 2 -> {
                double d = Double.longBitsToDouble(random.nextLong());
                yield NODES.numberNode(Double.isFinite(d) ? d : random.nextDouble());
            }
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomNode(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(8); i > 0; i--) {
                    object.set(randomString(random), randomNode(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int pick = random.nextInt(10);
            if (pick < 5) {
                s.append((char) ('a' + random.nextInt(26)));
            } else if (pick < 7) {
                s.append((char) random.nextInt(0x80));
            } else if (pick < 9) {
                char c = (char) random.nextInt(0xd800);
                s.append(c);
            } else {
                s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
            }
        }
        return s.toString();
    }
}
