package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eer.contracts.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * {@link CanonicalJson#write} (RFC 8785), byte for byte, written as UTF-8 straight into a buffer this object reuses:
 * no StringBuilder, no String, no second encoding pass. The verifier canonicalises every record of an export, and
 * CanonicalJson's growing StringBuilder and String round trip were its largest cost. What is rare stays with
 * CanonicalJson (numbers other than integers within ±2^53, strings holding surrogates and their errors), so the two
 * cannot drift apart; CanonicalBytesTest compares them. Not thread-safe: one per thread.
 */
public final class CanonicalBytes {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long SAFE = 1L << 53;

    private byte[] buffer = new byte[4096];
    private int length;

    /** Writes {@code JCS(node)} over what the buffer held; {@link #buffer()} and {@link #length()} then hold it. */
    public CanonicalBytes write(JsonNode node) {
        length = 0;
        append(node);
        return this;
    }

    /** The buffer (valid up to {@link #length()}); overwritten by the next {@link #write}. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    private void append(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> appendObject(node);
            case ARRAY -> {
                put('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        put(',');
                    }
                    append(node.get(i));
                }
                put(']');
            }
            case STRING -> appendString(node.textValue());
            case NUMBER -> {
                if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= -SAFE
                        && node.longValue() <= SAFE) {
                    appendAscii(Long.toString(node.longValue()));
                } else {
                    appendAscii(CanonicalJson.writeString(node)); // ECMAScript number form: CanonicalJson's
                }
            }
            case BOOLEAN -> appendAscii(node.booleanValue() ? "true" : "false");
            case NULL -> appendAscii("null");
            default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    @SuppressWarnings("unchecked")
    private void appendObject(JsonNode node) {
        Map.Entry<String, JsonNode>[] members = node.properties().toArray(new Map.Entry[0]);
        // String.compareTo orders by UTF-16 code units, as RFC 8785 section 3.2.3 (and CanonicalJson) do
        Arrays.sort(members, Map.Entry.comparingByKey());
        put('{');
        for (int i = 0; i < members.length; i++) {
            if (i > 0) {
                put(',');
            }
            appendString(members[i].getKey());
            put(':');
            append(members[i].getValue());
        }
        put('}');
    }

    private void appendString(String s) {
        int start = length;
        ensure(s.length() * 6 + 2); // the worst case: every char a six-byte escape
        byte[] out = buffer;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                out[at++] = (byte) c;
            } else if (c < 0x80) {
                at = escape(c, out, at);
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                // pairs and lone surrogates (an error, with CanonicalJson's message): CanonicalJson writes them
                length = start;
                appendUtf8(CanonicalJson.writeString(TextNode.valueOf(s)));
                return;
            } else {
                out[at++] = (byte) (0xe0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        out[at++] = '"';
        length = at;
    }

    private static int escape(char c, byte[] out, int at) {
        out[at++] = '\\';
        switch (c) {
            case '"' -> out[at++] = '"';
            case '\\' -> out[at++] = '\\';
            case '\b' -> out[at++] = 'b';
            case '\f' -> out[at++] = 'f';
            case '\n' -> out[at++] = 'n';
            case '\r' -> out[at++] = 'r';
            case '\t' -> out[at++] = 't';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xf];
            }
        }
        return at;
    }

    private void appendUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void appendAscii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
