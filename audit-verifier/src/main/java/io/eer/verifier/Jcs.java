package io.eer.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (a copy of event-contracts' CanonicalJson, so the verifier stands alone;
 * JcsTest checks they agree): object members sorted by UTF-16 code units, no whitespace, minimal
 * string escaping, numbers in ECMAScript form. The ledger hashes these bytes.
 */
final class Jcs {

    private Jcs() {
    }

    static byte[] write(JsonNode node) {
        return writeString(node).getBytes(StandardCharsets.UTF_8);
    }

    static String writeString(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        append(node, out);
        return out.toString();
    }

    private static void append(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> appendObject(node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> appendString(node.asText(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    private static void appendObject(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        // String.compareTo orders by UTF-16 code units, exactly what RFC 8785 section 3.2.3 asks.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(members.get(i).getKey(), out);
            out.append(':');
            append(members.get(i).getValue(), out);
        }
        out.append('}');
    }

    private static void appendString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 form; getBytes would silently turn it into '?'.
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                    continue;
                }
                throw new IllegalArgumentException("RFC 8785 cannot represent a lone surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i);
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long v = node.longValue();
            // Not Math.abs: Math.abs(Long.MIN_VALUE) is negative and would print all 19 digits.
            if (v >= -(1L << 53) && v <= (1L << 53)) {
                return Long.toString(v);
            }
        }
        return ecmaScript(node.doubleValue());
    }

    /** ECMAScript Number.prototype.toString for a finite double (ECMA-262, 7.1.12.1). */
    static String ecmaScript(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("RFC 8785 has no representation for " + d);
        }
        if (d == 0) {
            return "0";
        }
        if (d < 0) {
            return "-" + ecmaScript(-d);
        }
        BigDecimal shortest = shortestDigits(d);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // the decimal point sits n digits from the left
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + exponent;
    }

    /**
     * The fewest significant digits that still read back as exactly {@code d}; among those, the one closest to
     * {@code d} (ties: even last digit), as ECMA-262 7.1.12.1 step 5 asks. The decimal nearest to {@code d} at a
     * given precision is not always the one that reads back: just above a power of two the gap to the next lower
     * double is half the gap to the next higher one, so a neighbour one unit away may read back when the
     * nearest does not.
     */
    private static BigDecimal shortestDigits(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == d) {
                return nearest.stripTrailingZeros();
            }
            BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-nearest.scale());
            BigDecimal best = null;
            for (BigDecimal candidate : new BigDecimal[] {nearest.subtract(unit), nearest.add(unit)}) {
                if (candidate.signum() > 0 && candidate.precision() == precision && candidate.doubleValue() == d
                        && (best == null || closer(candidate, best, exact))) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        throw new AssertionError("17 significant digits always identify a double: " + d);
    }

    private static boolean closer(BigDecimal a, BigDecimal b, BigDecimal exact) {
        int cmp = a.subtract(exact).abs().compareTo(b.subtract(exact).abs());
        return cmp < 0 || (cmp == 0 && !a.unscaledValue().testBit(0));
    }
}
